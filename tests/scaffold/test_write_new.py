"""create_all: new files all or none, never replacing one that is there."""
import pytest

from vplan.write import create_all


def test_creates_files_and_folders(tmp_path):
    create_all({tmp_path / "a" / "b" / "x.txt": b"x", tmp_path / "y.txt": b"y"})
    assert (tmp_path / "a" / "b" / "x.txt").read_bytes() == b"x"
    assert (tmp_path / "y.txt").read_bytes() == b"y"
    assert not [p for p in tmp_path.rglob("*.tmp")]


def test_existing_file_stops_everything_and_is_kept(tmp_path):
    (tmp_path / "old.txt").write_bytes(b"mine")
    with pytest.raises(FileExistsError) as err:
        create_all({tmp_path / "new" / "a.txt": b"a", tmp_path / "old.txt": b"theirs"})
    assert err.value.filename == str(tmp_path / "old.txt")
    assert (tmp_path / "old.txt").read_bytes() == b"mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.txt"]  # the new folder is gone again


def test_dangling_link_is_not_followed(tmp_path):
    (tmp_path / "link.txt").symlink_to(tmp_path / "elsewhere.txt")
    with pytest.raises(FileExistsError):
        create_all({tmp_path / "link.txt": b"x"})
    assert not (tmp_path / "elsewhere.txt").exists()
