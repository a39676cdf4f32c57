"""`vplan diff`: what changed in the plans between two versions, by meaning."""
import sys
from pathlib import Path

import click

from vplan.commands import detail, echo, options, project_option, seconds, use_color


class _DiffCommand(click.Command):
    """Keeps what follows `--` apart: those are paths, as in `git diff A B -- paths`."""

    def parse_args(self, ctx, args):
        if "--" in args:
            at = args.index("--")
            ctx.meta["vplan.paths"] = args[at + 1:]
            args = args[:at]
        return super().parse_args(ctx, args)


@click.command(cls=_DiffCommand)
@click.argument("args", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text",
              show_default=True, help="text för terminalen, markdown för en pull request, json för program.")
@click.option("--git-extern", is_flag=True, hidden=True,
              help="Anropad av git som diff-drivrutin: sju argument enligt git.")
@project_option
@click.pass_context
def command(ctx, args, fmt, git_extern, project):
    """Visa vad som ändrats i sak i planerna mellan två versioner.

    \b
    vplan diff                     HEAD mot arbetskopian, alla planer i plans/
    vplan diff main                main mot arbetskopian
    vplan diff v2024 v2025         två versioner (grenar, taggar, commits)
    vplan diff HEAD~1 HEAD -- plans/x.md
    vplan diff gammal.md ny.md     två filer

    Slutkod 0 betyder inga ändringar i sak, 1 att något ändrats och 2 fel.
    """
    from vplan import diff as api
    from vplan.diff.report import render
    from vplan.errors import EXIT_FINDINGS, EXIT_OK

    opts = options(project)
    if git_extern:
        _git_driver(args, opts)
        return
    import time

    start = time.perf_counter()
    revs, paths = _split(args, ctx.meta.get("vplan.paths"))
    if revs is None:
        result = api.diff_files(Path(paths[0]), Path(paths[1]), options=opts)
    else:
        result = api.diff_revisions(*revs, paths=paths, options=opts)
    detail(f"Jämförde på {seconds(time.perf_counter() - start)}.")
    color = fmt == "text" and use_color(sys.stdout)
    if not opts.quiet:  # -q: like git diff --quiet, the exit code alone says whether anything changed
        echo(render(fmt, result, color=color), color)
    sys.exit(EXIT_FINDINGS if result.changed else EXIT_OK)


def _split(args, after_dashes):
    """(revisions, paths); revisions None means: compare the two files in paths."""
    from vplan.diff import gitio
    from vplan.errors import UsageError

    def names(arg, test):  # a revision may be too long to be a file name: then it is none
        try:
            return test(Path(arg))
        except (OSError, ValueError):
            return False

    args = list(args)
    if after_dashes is None and len(args) == 2 and all(names(a, Path.is_file) for a in args):
        return None, args
    repo = gitio.root(Path.cwd())
    revs: list = []
    paths = list(after_dashes or [])
    for i, arg in enumerate(args):
        if after_dashes is None and names(arg, Path.exists):
            paths += args[i:]
            break
        if repo is not None and len(revs) < 2 and gitio.is_revision(repo, arg):
            revs.append(arg)
        else:
            raise UsageError(f"”{arg}” är varken en version i git eller en fil.",
                             "Skriv sökvägar efter --, till exempel: vplan diff HEAD~1 -- plans/x.md")
    return (revs + ["HEAD", None][len(revs):])[:2], paths


def _git_driver(args, opts) -> None:
    """git's external diff: path old-file old-hex old-mode new-file new-hex new-mode [...]."""
    from vplan.diff import diff_bytes
    from vplan.diff.report import render

    if len(args) < 7:  # an unmerged path: git passes only its name
        click.echo(f"{args[0] if args else '?'}: ej sammanfogad, kan inte jämföras i sak.")
        return
    path, old_file, new_file = args[0], args[1], args[4]
    renamed_to = args[7] if len(args) >= 8 else None

    def data(name):
        return None if name == "/dev/null" else Path(name).read_bytes()

    from vplan.diff.changes import DiffResult

    fd = diff_bytes(renamed_to or path, data(old_file), data(new_file), schema_dir=str(opts.schema_dir),
                    old_path=path if renamed_to else None)
    if not fd.changed:
        click.echo(f"{fd.path}: inga ändringar i sak (bara formen).")
        return
    click.echo(render("text", DiffResult((fd,), "a", "b")), nl=False)
