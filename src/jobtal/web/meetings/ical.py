"""The iCalendar feed of public meetings (RFC 5545), written by hand: it is a few lines."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from jobtal.web.meetings.models import Meeting, MeetingStatus


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """Lines longer than 75 octets are folded with CRLF and a space (RFC 5545 3.1)."""
    parts: list[str] = []
    current = ""
    for char in line:
        if len((current + char).encode("utf-8")) > (75 if not parts else 74):
            parts.append(current)
            current = ""
        current += char
    parts.append(current)
    return [parts[0], *(" " + p for p in parts[1:])]


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(meetings: Iterable[Meeting], base_url: str) -> str:
    """A VCALENDAR with one VEVENT per meeting."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//jobtal//Udvalgsmøder//DA",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:Udvalgsmøder",
    ]
    for meeting in meetings:
        lines += [
            "BEGIN:VEVENT",
            f"UID:meeting-{meeting.pk}@jobtal",
            f"DTSTAMP:{_utc(meeting.modified)}",
            f"DTSTART:{_utc(meeting.start())}",
            f"DTEND:{_utc(meeting.end())}",
            f"SUMMARY:{_escape('Møde i ' + meeting.committee.name)}",
            f"LOCATION:{_escape(meeting.place)}",
            f"URL:{base_url}/moeder/{meeting.pk}/",
            "STATUS:" + ("CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED"),
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(folded + "\r\n" for line in lines for folded in _fold(line))
