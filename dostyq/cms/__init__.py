"""The editors\x27 web form (Decap CMS at /admin/): its configuration from the content model."""
