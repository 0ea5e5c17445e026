"""Dostyq: the content model, calendar logic and formatting behind the site.

Nothing in this package imports Pelican: the build (plugins/), the editors'
command and the tests share it as one truth about the content.
"""
