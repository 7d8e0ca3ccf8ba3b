"""The appendix rows are sums of leaf groups; these tests pin the hierarchy to the seed."""

from jobtal.domain import target_groups as tg


def _top_rows(rows: tuple[tg.Row, ...]) -> list[tg.Row]:
    return [row for row in rows if row.parent is None]


def test_top_rows_of_the_overview_partition_all_leaves_except_the_total() -> None:
    tops = [row for row in _top_rows(tg.TARGET_GROUP_ROWS) if row.label != "I alt"]
    leaves = [leaf for row in tops for leaf in row.leaves]
    assert sorted(leaves) == sorted(g.code for g in tg.LEAF_GROUPS)
    assert len(leaves) == len(set(leaves)), "a leaf group counted in two top rows"


def test_total_row_is_all_leaves() -> None:
    total = next(row for row in tg.TARGET_GROUP_ROWS if row.label == "I alt")
    assert set(total.leaves) == set(tg.LEAF_BY_CODE)


def test_children_partition_their_parent() -> None:
    for rows in tg.APPENDIX_TABLES.values():
        for parent in _top_rows(rows):
            children = [row for row in rows if row.parent == parent.label]
            if not children:
                continue
            child_leaves = [leaf for child in children for leaf in child.leaves]
            assert sorted(child_leaves) == sorted(parent.leaves), parent.label


def test_overview_has_the_seeds_rows_in_order() -> None:
    labels = [row.label for row in tg.TARGET_GROUP_ROWS]
    assert labels[:3] == ["Forsikrede ledige", "Dagpengemodtagere", "Kontanthjælp"]
    assert labels[-3:] == ["Uddannelseshjælp (aktivitetsparate)", "Jobafklaringsforløb", "I alt"]
    assert len(labels) == 27


def test_labels_are_unique_within_their_parent() -> None:
    for rows in tg.APPENDIX_TABLES.values():
        keys = [(row.label, row.parent) for row in rows]
        assert len(keys) == len(set(keys))


def test_leaf_group_of_benefit_and_category() -> None:
    assert tg.leaf_group("shy", "") == "shy_oevrige"
    assert tg.leaf_group("uddannelseshjaelp", "aktivitetsparat") == "uddh_aktivitetsparat"
    assert tg.leaf_group("dagpenge", "jobparat") == "dagpenge"
    assert tg.leaf_group("kontanthjaelp", "") is None
    assert tg.leaf_group("sygedagpenge", "jobparat") is None


def test_every_benefit_has_a_priority_and_leaf() -> None:
    assert sorted(tg.DEFAULT_BENEFIT_PRIORITY) == sorted(tg.BENEFITS)
    assert {g.benefit for g in tg.LEAF_GROUPS} == set(tg.BENEFITS)


def test_gross_unemployed_are_the_long_term_rows_leaves() -> None:
    total = tg.LONG_TERM_ROWS[0]
    assert set(total.leaves) == set(tg.GROSS_UNEMPLOYED_LEAVES)
