"""The pipeline: the order of the steps a new mention goes through (``order.py``)."""
