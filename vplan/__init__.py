"""vplan: board plans as text in git — read, check, render, write."""

try:
    from vplan._version import __version__  # written from the git tag when vplan is installed
except ImportError:  # a source tree that was never installed
    __version__ = "0.1.dev0+okänd"
