"""From collected values to a saved record: the entry path, the form view's Qt-free half, drafts, type-ahead, field labels."""
