"""A data folder opened for work: setup, the workspace, accounts, the sign-in card."""
