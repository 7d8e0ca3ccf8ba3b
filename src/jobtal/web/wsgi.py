"""WSGI entry point of jobtal's web application (used by `jobtal serve`)."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobtal.web.settings")
application = get_wsgi_application()
