"""The private MkDocs and Material APIs the hooks use (wrapped in hooks/act/private_apis.py)
still exist with the shape we rely on. If an upgrade breaks one, this says which."""

from __future__ import annotations

import importlib
import inspect

import pytest
from act import private_apis


@pytest.mark.parametrize("dotted", sorted(private_apis.REQUIRED))
def test_private_api_still_exists(dotted):
    module_name, _, attribute = dotted.rpartition(".")
    owner_name = None
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError:  # `module.Class.attribute`
        module_name, _, owner_name = module_name.rpartition(".")
        module = importlib.import_module(module_name)
    owner = getattr(module, owner_name) if owner_name else module
    if owner_name and not hasattr(owner, attribute):  # an instance attribute: make an instance
        owner = owner()
    assert hasattr(owner, attribute), (
        f"{dotted} is gone (needed to {private_apis.REQUIRED[dotted]}): MkDocs or Material changed; "
        "update hooks/act/private_apis.py"
    )


def test_previous_and_next_links_still_take_the_page_list():
    from mkdocs.structure.nav import _add_previous_and_next_links

    assert list(inspect.signature(_add_previous_and_next_links).parameters) == ["pages"], (
        "mkdocs.structure.nav._add_previous_and_next_links changed its signature: update hooks/act/private_apis.py"
    )


def test_search_index_entries_are_the_list_material_writes():
    from material.plugins.search.plugin import SearchIndex

    index = SearchIndex(fields={"title": {"boost": 1000.0}})
    assert isinstance(private_apis.search_entries(index), list), "SearchIndex.entries is no longer a list"
    assert private_apis.search_fields(index) == {"title": {"boost": 1000.0}}, (
        "SearchIndex.config no longer holds the lunr fields: update hooks/act/private_apis.py"
    )
