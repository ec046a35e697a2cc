"""Slides: the deck manim-slides reads, and one HTML file that plays offline in a real browser."""

import json
import time
from pathlib import Path

import av
import numpy as np
import pytest

from nnanim.errors import NnanimError
from nnanim.outputs.slide_deck import Deck, Slide, beat_section, chapter_of, read_sections, write_html, write_present_deck

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")


def encode_clip(path: Path, shade: int, frames: int = 8, size=(320, 180)) -> Path:
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=15)
        stream.width, stream.height = size
        stream.pix_fmt = "yuv420p"
        image = np.full((size[1], size[0], 3), shade, dtype=np.uint8)
        for _ in range(frames):
            for packet in stream.encode(av.VideoFrame.from_ndarray(image, format="rgb24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return path


@pytest.fixture
def two_slides(tmp_path) -> Deck:
    slides = (Slide(encode_clip(tmp_path / "a.mp4", 40), "E3", 0.53),
              Slide(encode_clip(tmp_path / "b.mp4", 210), "E4", 0.53))
    return Deck("Test", "A <test> deck", (320, 180), "#FBFAF7", slides)


def test_a_beat_section_name_keeps_its_chapter():
    assert chapter_of(beat_section("to polar", 3)) == "to polar"
    assert chapter_of("title") == "title"


def test_the_present_deck_is_valid_for_manim_slides(two_slides, tmp_path):
    from manim_slides.config import PresentationConfig

    path = write_present_deck(two_slides, tmp_path / "deck")
    config = PresentationConfig.from_file(path)
    assert [s.notes for s in config.slides] == ["E3", "E4"]
    assert config.resolution == (320, 180)
    assert all(s.file.read_bytes() == slide.video.read_bytes()
               for s, slide in zip(config.slides, two_slides.slides))


def test_reading_a_section_index_without_videos_names_the_missing_file(tmp_path):
    index = tmp_path / "Scene.json"
    index.write_text(json.dumps([{"name": "E3#1", "video": "gone.mp4", "width": 8,
                                  "height": 8, "duration": "1.0"}]))
    with pytest.raises(NnanimError, match="gone.mp4 is missing"):
        read_sections(index, "t", "#FFFFFF")


def test_the_html_file_holds_every_video_and_fetches_nothing(two_slides, tmp_path):
    page = write_html(two_slides, tmp_path / "deck.html").read_text(encoding="utf-8")
    assert "A &lt;test&gt; deck" in page
    assert "http://" not in page and "https://" not in page
    assert page.count('"video": "') == 2


BROWSER_FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--window-size=640,400",
                 "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=http://127.0.0.1:9")
"""No window, no sandbox (root), no GPU and no network; nothing a person's browser would do
differently with a video: its autoplay policy is Chromium's default, as when a teacher opens
the file by double-clicking it."""


def test_the_browser_plays_the_deck_with_its_default_autoplay_policy():
    assert not [flag for flag in BROWSER_FLAGS if "autoplay" in flag or "gesture" in flag]


def browser(refuse_autoplay: bool = False):
    """Headless Chromium with no way out: names resolve nowhere, any proxy use fails.

    ``refuse_autoplay``: the page's videos refuse to start except from a key press or click,
    muted or not, as in browsers set to block all autoplay (Firefox's "Block Audio and Video",
    Safari's "Never Auto-Play"): the stricter policy a deck may meet.
    """
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.skip("headless Chromium is not installed (apt-get install chromium "
                    "chromium-driver; bash quickstart.sh test does it)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in BROWSER_FLAGS:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument",
                           {"source": PLAY_LOG + (REFUSE_AUTOPLAY if refuse_autoplay else "")})
    return driver


PLAY_LOG = """
window.playLog = [];
document.addEventListener("DOMContentLoaded", () => {
  const video = document.getElementById("slide");
  for (const kind of ["playing", "ended"]) {
    video.addEventListener(kind, () => window.playLog.push(
      [kind, document.body.dataset.slide, video.currentTime]));
  }
});
"""
"""Every slide that starts playing and every slide that plays to its end, in order, with the
video's clock at that moment (in ``window.playLog``)."""

REFUSE_AUTOPLAY = """
(() => {
  const play = HTMLMediaElement.prototype.play;
  HTMLMediaElement.prototype.play = function () {
    if (!navigator.userActivation.isActive) {
      return Promise.reject(new DOMException("play() needs a key press", "NotAllowedError"));
    }
    return play.call(this);
  };
})();
"""


def requested_urls(driver) -> set[str]:
    urls = set()
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.add(message["params"]["request"]["url"])
    return urls


def wait_for(driver, script: str, timeout: float = 15.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = driver.execute_script(script)
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for: {script}")


def play_deck_in_browser(html: Path) -> tuple[bytes, bytes, set[str]]:
    """Open the deck, let slide 1 play out, press →, let slide 2 play out: two screenshots."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    driver = browser()
    try:
        driver.get(html.resolve().as_uri())
        ended = "const v = document.getElementById('slide'); return v.ended && !v.error;"
        wait_for(driver, ended)
        assert driver.execute_script("return document.body.dataset.slide") == "1"
        first = driver.get_screenshot_as_png()
        ActionChains(driver).send_keys(Keys.ARROW_RIGHT).perform()
        wait_for(driver, "return document.body.dataset.slide === '2'")
        wait_for(driver, ended)
        second = driver.get_screenshot_as_png()
        return first, second, requested_urls(driver)
    finally:
        driver.quit()


def test_the_html_deck_plays_offline_and_a_key_press_advances(two_slides, tmp_path):
    import io

    from PIL import Image

    first, second, urls = play_deck_in_browser(write_html(two_slides, tmp_path / "d.html"))
    centre = [np.asarray(Image.open(io.BytesIO(png)).convert("L"))[100, 320] for png in
              (first, second)]
    assert centre[0] < 80 < 170 < centre[1]  # the dark slide, then the light one
    assert all(url.startswith(("file:", "data:")) for url in urls), urls


def press_right(driver) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    ActionChains(driver).send_keys(Keys.ARROW_RIGHT).perform()


@pytest.mark.parametrize("refuse_autoplay", [False, True],
                         ids=["default policy", "autoplay blocked"])
def test_the_first_slide_plays_before_the_first_key_press_moves_on(two_slides, tmp_path,
                                                                     refuse_autoplay):
    """A teacher opens the deck, looks up, presses → once: slide 1 (the title) has played to
    its end before slide 2 starts, whether the browser let it start on its own or waited for
    that key press."""
    html = write_html(two_slides, tmp_path / "d.html")
    driver = browser(refuse_autoplay)
    try:
        driver.get(html.resolve().as_uri())
        time.sleep(1.5)
        press_right(driver)
        wait_for(driver, "return window.playLog.some(e => e[0] === 'ended' && e[1] === '1')")
        while driver.execute_script("return document.body.dataset.slide") == "1":
            press_right(driver)
            time.sleep(0.3)
        wait_for(driver, "return window.playLog.some(e => e[0] === 'ended' && e[1] === '2')")
        log = driver.execute_script("return window.playLog")
    finally:
        driver.quit()
    played = [(kind, slide) for kind, slide, _ in log]
    assert played.index(("ended", "1")) < played.index(("playing", "2")), log
    first_end = next(at for kind, slide, at in log if (kind, slide) == ("ended", "1"))
    assert first_end == pytest.approx(two_slides.slides[0].seconds, abs=0.1), log


@pytest.mark.slow
def test_a_lecture_becomes_slides_that_advance_in_a_browser_offline(tmp_path):
    """``nnanim slides``: a slide per beat, the deck manim-slides reads, and the HTML file in
    headless Chromium with no network and its default autoplay policy: the first slide plays
    on its own, → brings the next."""
    import io
    import subprocess
    import sys

    from manim_slides.config import PresentationConfig
    from PIL import Image
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    result = subprocess.run(
        [sys.executable, "-m", "nnanim.command.cli", "slides", "softmax", "-q", "l", "--quick",
         "--out", "deck/softmax.html"],
        cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    html = tmp_path / "deck" / "softmax.html"
    config = PresentationConfig.from_file(tmp_path / "deck" / "softmax" / "slides" /
                                          "Softmax.json")
    chapters = [slide.notes for slide in config.slides]
    assert chapters[0] == "title" and chapters[-1] == "softmax" and len(chapters) >= 4
    for slide in config.slides:  # silent videos: the deck plays them muted and loses nothing
        with av.open(str(slide.file)) as container:
            assert not container.streams.audio, slide.file

    driver = browser()
    try:
        driver.get(html.resolve().as_uri())
        settled = ("const v = document.getElementById('slide');"
                   "return v.ended && !v.error && document.body.dataset.slide;")
        assert wait_for(driver, settled) == "1"
        first = driver.get_screenshot_as_png()
        ActionChains(driver).send_keys(Keys.ARROW_RIGHT).perform()
        wait_for(driver, "return document.body.dataset.slide !== '1'")
        reached = wait_for(driver, settled)
        second = driver.get_screenshot_as_png()
        urls = requested_urls(driver)
    finally:
        driver.quit()
    assert int(reached) >= 2
    pictures = [np.asarray(Image.open(io.BytesIO(png)).convert("L"), dtype=float)
                for png in (first, second)]
    assert np.abs(pictures[0] - pictures[1]).mean() > 2.0  # the title card, then the story
    assert all(url.startswith(("file:", "data:")) for url in urls), urls
