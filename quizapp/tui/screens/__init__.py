"""One screen per module; modals are `ModalScreen[T]` returning through `dismiss`."""
