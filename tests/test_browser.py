"""report.html in a real browser with no network: charts load, Chinese renders (``make test-browser``).

Drives Debian's headless chromium over the DevTools protocol (tornado's
websocket client, already installed with Jupyter), so nothing beyond the
project's own dependencies and the chromium package is needed.
"""

from __future__ import annotations

import asyncio
import base64
import io
import json
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from sansong_analysis.run.report import run_report, safe_folder_name

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Browser:
    """Headless chromium with networking disabled, spoken to over the DevTools protocol."""

    def __init__(self, profile: Path):
        self.port = _free_port()
        self.proc = subprocess.Popen(
            [
                CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", f"--user-data-dir={profile}", f"--remote-debugging-port={self.port}",
                # No network at all: every host resolves to nothing, every proxy is a dead port.
                "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9", "--window-size=1280,2400",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/json/list", timeout=1) as resp:
                    pages = [p for p in json.load(resp) if p.get("type") == "page"]
                if pages:
                    self.ws_url = pages[0]["webSocketDebuggerUrl"]
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                self.close()
                raise RuntimeError("chromium did not start")
            time.sleep(0.2)

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait()

    def inspect(self, url: str) -> dict:
        return asyncio.run(self._inspect(url))

    async def _inspect(self, url: str) -> dict:
        from tornado.websocket import websocket_connect

        conn = await websocket_connect(self.ws_url, max_message_size=256 * 1024 * 1024)
        counter = 0
        requests: list[str] = []

        async def call(method: str, **params):
            nonlocal counter
            counter += 1
            my_id = counter
            await conn.write_message(json.dumps({"id": my_id, "method": method, "params": params}))
            while True:
                message = json.loads(await conn.read_message())
                if message.get("method") == "Network.requestWillBeSent":
                    requests.append(message["params"]["request"]["url"])
                if message.get("id") == my_id:
                    if "error" in message:
                        raise RuntimeError(message["error"])
                    return message["result"]

        await call("Network.enable")
        await call("Page.enable")
        await call("Page.navigate", url=url)
        state = ""
        for _ in range(100):
            state = (await call("Runtime.evaluate", expression="document.readyState", returnByValue=True))["result"]["value"]
            if state == "complete":
                break
            await asyncio.sleep(0.1)
        check = """(async () => {
            await document.fonts.ready;
            const imgs = Array.from(document.images);
            await Promise.all(imgs.map(i => i.decode().catch(() => null)));
            const faces = Array.from(document.fonts).map(f => [f.family, f.status]);
            const sample = document.querySelector('h1') ? document.querySelector('h1').textContent : '';
            return {
              images: imgs.length,
              decoded: imgs.filter(i => i.complete && i.naturalWidth > 0).length,
              faces: faces,
              fontCovers: document.fonts.check('16px "Sansong Sans SC"', sample),
              heading: sample,
              text: document.body.innerText.slice(0, 2000),
            };
        })()"""
        result = (await call("Runtime.evaluate", expression=check, awaitPromise=True, returnByValue=True))["result"]["value"]
        height = (await call("Runtime.evaluate", expression="document.body.scrollHeight", returnByValue=True))["result"]["value"]
        shot = await call("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                          clip={"x": 0, "y": 0, "width": 1280, "height": min(int(height), 6000), "scale": 1})
        conn.close()
        result["screenshot"] = base64.b64decode(shot["data"])
        result["requests"] = requests
        return result


@pytest.fixture(scope="module")
def report_html(small_county, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("browser_out")
    township = small_county["townships"][0]
    result = run_report(township, small_county["processed"], out)
    assert result.status == "ok", result.error
    return out / safe_folder_name(township) / "report.html"


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (make test-browser installs it)")
def test_report_html_renders_offline(report_html, tmp_path):
    from PIL import Image, ImageStat

    browser = Browser(tmp_path / "profile")
    try:
        page = browser.inspect(report_html.as_uri())
    finally:
        browser.close()
    # Nothing but the file itself and inline data was asked for.
    assert all(url.startswith(("file:", "data:")) for url in page["requests"]), page["requests"]
    assert page["images"] >= 4 and page["decoded"] == page["images"]
    assert ["Sansong Sans SC", "loaded"] in page["faces"]
    assert page["fontCovers"] and "三送工作报告" in page["heading"]
    assert "走访覆盖" in page["text"] and "数据质量" in page["text"]
    image = Image.open(io.BytesIO(page["screenshot"])).convert("L")
    (tmp_path / "report.png").write_bytes(page["screenshot"])  # kept for a look when the test fails
    stat = ImageStat.Stat(image)
    assert stat.stddev[0] > 20, "the screenshot is blank"
    assert sum(1 for n in image.histogram() if n) > 50
