"""Hook: check every page before it reaches readers (see the page-validation issue)."""
