"""The demo agency: three fictional clients, their staff and two weeks of social traffic."""
