"""jobtal's web application (Django): the committee's meetings, agendas, minutes and annual plan.

`jobtal.web.settings` is the settings module; `jobtal.web.config` reads jobtal's declared
settings (jobtal.settings.SETTINGS) and refuses an unsafe production configuration.
"""
