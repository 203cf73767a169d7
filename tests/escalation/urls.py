"""The project's URLs with the escalation app's, whether or not the root URLconf includes them yet."""

from django.urls import include, path

from carewatch.urls import urlpatterns as root

included = any(getattr(p, "namespace", None) == "escalation" for p in root)
urlpatterns = list(root) if included else [*root, path("", include("carewatch.escalation.urls"))]
