"""Qt widgets only: no file formats, no crypto, no parsing here."""
