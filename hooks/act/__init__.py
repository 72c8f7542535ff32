"""The site's build logic, one module or subpackage per concern.

The hooks in `hooks/*.py` (listed in mkdocs.yml) are thin event functions over this
package; scripts and tests import it the same way (`from act.related import lists`),
with `hooks/` on the import path: MkDocs puts a hook's folder there while loading it,
pyproject.toml's `pythonpath` does so for pytest, and `scripts/` insert it themselves.
"""
