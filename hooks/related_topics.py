"""Hook: build each page's Related topics section (see the related-topics issue)."""
