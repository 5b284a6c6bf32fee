"""The Textual app: screens, widgets and styles. Importing this package imports nothing heavy."""
