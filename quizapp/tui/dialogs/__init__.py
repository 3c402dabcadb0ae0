"""Modal dialogs: `ModalScreen[T]` subclasses that return their answer through `dismiss`."""
