"""`KeyFooter`: Textual's footer, rebuilt only when the keys it shows change.

Textual's `Footer` recomposes (unmounts and mounts a widget per key) on every bindings update,
and a study screen updates its bindings several times per card: after each grade the footer
was rebuilt three times with the same keys, a new layout of the screen each time, on the path
from a grade to the next card drawn. This one compares what it would show with what it shows.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer

Shown = tuple[tuple[str, str, str, bool, str], ...]


class KeyFooter(Footer):
    """A footer that recomposes only when its keys, labels or their enabled state change."""

    _shown: Shown | None = None

    def _keys(self, screen: Screen[object]) -> Shown:
        return tuple(
            (binding.key, binding.action, binding.description, enabled, tooltip)
            for (_, binding, enabled, tooltip) in screen.active_bindings.values()
            if binding.show
        )

    def bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen and screen.app.app_focus:
            keys = self._keys(screen)
            if keys == self._shown:
                return
            self._shown = keys
        super().bindings_changed(screen)
