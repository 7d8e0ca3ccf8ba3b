"""The committee's meetings: committees, members, meetings, agenda items, attachments, cases
and the annual plan; who may see what (access.py), and what the secretariat may do
(services.py)."""
