"""vplan: board plans as text in git — read, check, render, write."""

__version__ = "0.1.0"
