"""Views of the meetings app: public pages, outputs (PDF, iCal, RSS, files), secretariat."""
