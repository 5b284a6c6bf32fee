"""The command palette, made safe for scenario text and for a quick page key.

Two things in Textual's own palette break the game, so the app uses these instead:

- Textual reads every command title and help text as markup. Ours carry option labels,
  government names and the save path, all written by a scenario's author or the player:
  ``[/]`` in a label crashed the game and ``[veto]`` vanished. ``PlainTextCommands`` shows
  them as plain text (``Content`` objects, which the palette does not parse).
- Page down (or up) pressed at once after ctrl+p, before the list of commands has been laid
  out, raises ``KeyError: 0`` inside Textual's option list (its line index is empty while the
  list has no height: Textual's ``_update_lines`` returns early then, as reported upstream in
  Textualize/textual#5794; the same KeyError from ``_move_page`` is kagan-sh/kagan-legacy#31).
  ``SafeCommandPalette`` ignores a page key until the list has a height; the next one works.

Imported by the app only when the palette opens, so the first frame does not wait for it.
"""

from __future__ import annotations

from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape
from textual.system_commands import SystemCommandsProvider


def highlighted(matcher: Matcher, name: str) -> Content:
    """A command title as plain text, with the letters the query matched styled (what
    ``Matcher.highlight`` does, but without reading the title as markup)."""
    content = Content(name)
    score, offsets = matcher.fuzzy_search.match(matcher.query, name)
    if not score:
        return content
    for offset in offsets:
        if not name[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class PlainTextCommands(SystemCommandsProvider):
    """The app's commands (``App.get_system_commands``), titles and help never read as markup."""

    async def discover(self) -> Hits:
        commands = sorted(self.app.get_system_commands(self.screen), key=lambda c: c[0])
        for name, help_text, callback, discover in commands:
            if discover:
                # Help text is shown, never searched: escaping it keeps it exactly as written.
                yield DiscoveryHit(Content(name), callback, text=name, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback, *_ in self.app.get_system_commands(self.screen):
            if (match := matcher.match(name)) > 0:
                yield Hit(
                    match,
                    highlighted(matcher, name),
                    callback,
                    text=name,
                    help=escape(help_text),
                )


class SafeCommandPalette(CommandPalette):
    """Textual's palette, but a page key before the list is laid out does nothing."""

    def _action_command_list(self, action: str) -> None:
        if action in ("page_down", "page_up"):
            commands = self.query_one(CommandList)
            if not commands.scrollable_content_region.height:
                return  # not laid out yet: paging now raises KeyError inside Textual
        super()._action_command_list(action)


def plain_text_commands() -> type[PlainTextCommands]:
    """The provider, for ``App.COMMANDS`` (which takes a function, so it loads lazily)."""
    return PlainTextCommands
