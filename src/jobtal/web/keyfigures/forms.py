"""The choice of municipality, year and target group on /noegletal/."""

from __future__ import annotations

from django import forms

from jobtal.domain.municipalities import all_municipalities
from jobtal.web.keyfigures.data import DRILL_ROWS

# Gentofte, the municipality of the seed's report, is chosen until the reader picks another.
DEFAULT_MUNICIPALITY = 157


def group_label(key: str) -> str:
    """A drill-down row's Danish name, its parent first: `Kontanthjælp: Jobparate`."""
    row = DRILL_ROWS[key][0]
    return row.label if row.parent is None else f"{row.parent}: {row.label}"


class ChoiceForm(forms.Form):
    kommune = forms.TypedChoiceField(label="Kommune", coerce=int)
    aar = forms.TypedChoiceField(label="År", coerce=int)
    gruppe = forms.ChoiceField(label="Målgruppe", required=False)

    def __init__(self, *args: object, years: list[int], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kommune"].choices = [(m.code, m.name) for m in all_municipalities()]
        self.fields["aar"].choices = [(y, str(y)) for y in reversed(years)]
        self.fields["gruppe"].choices = [("", "Hele bilaget (alle målgrupper)")] + [
            (key, group_label(key)) for key in DRILL_ROWS
        ]
