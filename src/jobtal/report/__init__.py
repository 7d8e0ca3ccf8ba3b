"""The quarterly report and its appendix *Nøgletal*, built from the measures.

Modules:
    appendix          the four tables of the appendix as tidy rows (pure computation) and the
                      store-backed loader of national figures
    appendix_output   the appendix as a Danish text table, CSV and JSON, and files on disk
    compare           computed rows beside the rows of a published appendix
"""
