"""The workspace home at /admin/: one part per role the user holds (issue 17, item 1)."""
