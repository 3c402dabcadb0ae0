"""`KeyFooter`: Textual's footer, rebuilt only when the keys it shows change.

Textual's `Footer` recomposes (unmounts and mounts a widget per key) on every bindings update,
and a study screen updates its bindings several times per card: after each grade the footer
was rebuilt three times with the same keys, a new layout of the screen each time, on the path
from a grade to the next card drawn. This one compares what it would show with what it shows.

Only public Textual API: `Widget.recompose` (which `Footer` calls when the bindings change),
`Screen.active_bindings`, `App.get_key_display` and the footer's own reactives. An earlier
version overrode `Footer.bindings_changed`, which Textual does not document.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Footer

Shown = tuple[Any, ...]


class KeyFooter(Footer):
    """A footer that recomposes only when its keys, labels or their enabled state change."""

    _shown: Shown | None = None

    def _keys(self) -> Shown:
        """Everything `Footer.compose` reads to draw the keys, in its order."""
        app = self.app
        active = self.screen.active_bindings
        keys = tuple(
            (
                binding.key,
                app.get_key_display(binding),
                binding.description,
                binding.action,
                enabled,
                tooltip,
                binding.group,
            )
            for (_, binding, enabled, tooltip) in active.values()
            if binding.show
        )
        palette = None
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE:
            found = active.get(app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _, binding, enabled, tooltip = found
                palette = (binding.key, binding.description, enabled, binding.tooltip, tooltip)
        return keys, palette, self.compact, self.combine_groups

    async def recompose(self) -> None:
        """Recompose as `Footer` does, unless the keys are the ones already shown."""
        if not self.is_attached:
            return
        keys = self._keys()
        if keys == self._shown:
            return
        self._shown = keys
        await super().recompose()
