"""The application shell: controller, sign-in, setup wizard, main window, pages, the task runner, shared widgets."""
