"""Where nnanim writes: ``--out`` means what the user meant, and an unwritable place is one line.

Folders that refuse writing are real ones: ``/sys`` refuses new files to everyone, root
included, and a read-only mount (``private_mount``) is a real read-only file system. No
permission check is patched.
"""

from pathlib import Path

import pytest

from nnanim.errors import NnanimError
from nnanim.command.paths import output_target
from nnanim.core.files import check_writable_dir

VIDEO = (".mp4", ".gif", ".png")
DEFAULT = Path("/media/videos/E5.mp4")


def test_no_out_keeps_the_default():
    assert output_target(None, DEFAULT, VIDEO) == DEFAULT


def test_out_with_a_suffix_is_taken_as_written():
    assert output_target("talk/E5.GIF", DEFAULT, VIDEO) == Path("talk/E5.GIF")


def test_an_existing_folder_gets_the_default_name_inside(tmp_path):
    assert output_target(str(tmp_path), DEFAULT, VIDEO) == tmp_path / "E5.mp4"


def test_a_path_ending_in_a_slash_is_a_folder_even_before_it_exists(tmp_path):
    assert output_target(f"{tmp_path}/new/", DEFAULT, VIDEO) == tmp_path / "new" / "E5.mp4"


@pytest.mark.parametrize("out", ["lesson", "lesson."])
def test_a_name_without_suffix_gets_the_formats_suffix(tmp_path, out):
    assert output_target(str(tmp_path / out), DEFAULT, VIDEO) == tmp_path / "lesson.mp4"


def test_a_home_folder_is_expanded(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    assert output_target("~/E5.gif", DEFAULT, VIDEO) == tmp_path / "E5.gif"


@pytest.mark.parametrize("out", ["", "  "])
def test_an_empty_out_is_refused(out):
    with pytest.raises(NnanimError) as err:
        output_target(out, DEFAULT, VIDEO)
    assert str(err.value) == "--out: empty; give a file such as E5.mp4 or a folder ending in '/'"


@pytest.mark.parametrize("suffixes, allowed", [(VIDEO, ".mp4, .gif or .png"), ((".png",), ".png")])
def test_a_wrong_suffix_names_the_allowed_ones(suffixes, allowed):
    with pytest.raises(NnanimError) as err:
        output_target("E5.avi", DEFAULT, suffixes)
    assert str(err.value) == (
        f"--out: 'E5.avi' does not end in {allowed}; "
        f"give a file such as E5.mp4 or a folder ending in '/'"
    )


def test_a_missing_folder_is_created_and_left_empty(tmp_path):
    folder = tmp_path / "a" / "b"
    assert check_writable_dir(folder, "--out") == folder
    assert folder.is_dir() and list(folder.iterdir()) == []


def test_a_file_where_the_folder_should_be_is_named(tmp_path):
    (tmp_path / "videos").write_text("")
    with pytest.raises(NnanimError) as err:
        check_writable_dir(tmp_path / "videos", "--out")
    assert str(err.value) == (
        f"--out: {tmp_path}/videos is a file, not a folder; choose a folder you can write to"
    )


def test_a_file_as_a_parent_folder_is_named(tmp_path):
    (tmp_path / "notes.txt").write_text("")
    with pytest.raises(NnanimError) as err:
        check_writable_dir(tmp_path / "notes.txt" / "videos", "--out")
    assert str(err.value) == (
        f"--out: {tmp_path}/notes.txt/videos cannot be a folder, {tmp_path}/notes.txt is a "
        f"file; choose a folder you can write to"
    )


def test_a_folder_nobody_may_write_in_is_refused_with_the_fix():
    with pytest.raises(NnanimError) as err:
        check_writable_dir("/sys", "media", fix="run nnanim from a folder you can write to")
    assert str(err.value) == (
        "media: cannot write in /sys (permission denied); run nnanim from a folder you can "
        "write to"
    )


def test_a_folder_nobody_may_create_is_refused():
    with pytest.raises(NnanimError) as err:
        check_writable_dir("/sys/nnanim/videos", "--out")
    assert str(err.value) == (
        "--out: cannot write in /sys/nnanim/videos (operation not permitted); "
        "choose a folder you can write to"
    )


def test_a_read_only_file_system_is_named(tmp_path, private_mount):
    folder = tmp_path / "ro"
    folder.mkdir()
    result = private_mount(
        f"mount -t tmpfs -o ro tmpfs {folder}",
        "from nnanim.errors import NnanimError\n"
        "from nnanim.core.files import check_writable_dir\n"
        "for path in (r'%s', r'%s/media'):\n"
        "    try:\n"
        "        check_writable_dir(path, 'media')\n"
        "    except NnanimError as err:\n"
        "        print(err)\n" % (folder, folder),
    )
    assert result.stdout.splitlines() == [
        f"media: cannot write in {folder} (read-only file system); "
        f"choose a folder you can write to",
        f"media: cannot write in {folder}/media (read-only file system); "
        f"choose a folder you can write to",
    ], result.stderr
