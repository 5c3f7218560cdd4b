"""Any JSON value whose objects use the given keys: the hypothesis input of the hostile-reader tests."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st


def json_shapes(keys: Sequence[str], *, text_size: int = 30, max_leaves: int = 30) -> st.SearchStrategy[object]:
    """Nested lists and objects (keys drawn from `keys`, so readers find what they look for in the
    wrong places) of nulls, booleans, numbers and short strings."""
    return st.recursive(
        st.none() | st.booleans() | st.floats(allow_nan=False) | st.integers() | st.text(max_size=text_size),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(list(keys)), inner, max_size=4),
        max_leaves=max_leaves,
    )
