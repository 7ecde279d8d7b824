"""report.html in a real browser with no network: charts load, Chinese renders (``make test-browser``).

Drives Debian's headless chromium over the DevTools protocol (tornado's
websocket client, already installed with Jupyter), so nothing beyond the
project's own dependencies and the chromium package is needed.

The browser sees no CJK system font whatever the machine has installed: it
runs with a fontconfig of its own that lists only a Latin font folder. Which
font actually drew each heading, paragraph, list item and table cell is asked
of the browser itself (``CSS.getPlatformFontsForNode``).
"""

from __future__ import annotations

import asyncio
import base64
import io
import json
import os
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


EMBEDDED_FACE = "Sansong Sans SC"
LATIN_FONTS = "/usr/share/fonts/truetype/dejavu"


def latin_only_fontconfig(folder: Path) -> Path:
    """A fontconfig that shows the browser one Latin font folder and no CJK font at all."""
    folder.mkdir(parents=True, exist_ok=True)
    conf = folder / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f"  <dir>{LATIN_FONTS}</dir>\n  <cachedir>{folder / 'cache'}</cachedir>\n</fontconfig>\n",
        "utf-8",
    )
    return conf


class Browser:
    """Headless chromium with networking disabled and no CJK system font, spoken to over the DevTools protocol."""

    def __init__(self, profile: Path):
        self.fontconfig = latin_only_fontconfig(profile.parent / "fontconfig")
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
            env={**os.environ, "FONTCONFIG_FILE": str(self.fontconfig)},
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

    def inspect(self, url: str, font_selectors: str = "") -> dict:
        return asyncio.run(self._inspect(url, font_selectors))

    async def _inspect(self, url: str, font_selectors: str = "") -> dict:
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
        result["drawn_with"] = await self._fonts_drawing(call, font_selectors) if font_selectors else []
        height = (await call("Runtime.evaluate", expression="document.body.scrollHeight", returnByValue=True))["result"]["value"]
        shot = await call("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                          clip={"x": 0, "y": 0, "width": 1280, "height": min(int(height), 6000), "scale": 1})
        conn.close()
        result["screenshot"] = base64.b64decode(shot["data"])
        result["requests"] = requests
        return result

    @staticmethod
    async def _fonts_drawing(call, selectors: str) -> list[dict]:
        """For every element matching ``selectors`` that holds text: its tag, text and the fonts that drew it."""
        await call("DOM.enable")
        await call("CSS.enable")
        root = (await call("DOM.getDocument", depth=-1))["root"]["nodeId"]
        found = []
        for node_id in (await call("DOM.querySelectorAll", nodeId=root, selector=selectors))["nodeIds"]:
            described = (await call("DOM.describeNode", nodeId=node_id, depth=1))["node"]
            own_text = "".join(c.get("nodeValue", "") for c in described.get("children", []) if c.get("nodeType") == 3)
            if not own_text.strip():
                continue
            fonts = (await call("CSS.getPlatformFontsForNode", nodeId=node_id))["fonts"]
            found.append({"tag": described["localName"], "text": own_text.strip()[:40],
                          "fonts": {f["familyName"]: f["glyphCount"] for f in fonts}})
        return found


@pytest.fixture(scope="module")
def all_elements_html(tmp_path_factory) -> Path:
    """An executed notebook with every kind of text a report may hold, exported as report.html is."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

    from sansong_analysis.run.html import export_html

    folder = tmp_path_factory.mktemp("all_elements")
    nb = new_notebook(cells=[
        new_markdown_cell("# 全县三送工作总览\n\n## 数据质量\n\n### 第三级标题\n\n正文段落：走访覆盖率 **81.3%**，*调处成功*，见 `问题清单.xlsx`。\n\n"
                          "- 列表项：入户走访\n- 列表项：政策宣讲\n\n1. 编号列表项\n\n> 引用：请对照来源文件修改\n"),
        new_code_cell("", outputs=[
            new_output("stream", name="stdout", text="输出文字：清洗完成\n"),
            new_output("display_data", data={"text/html": "<table><thead><tr><th>来源文件</th><th>原因</th></tr></thead>"
                                                          "<tbody><tr><td>岭丰镇/大丰村台账.xlsx</td><td>不是有效日期</td></tr></tbody></table>"}),
            new_output("display_data", data={"text/markdown": "说明文字：剔除 **1** 行"}),
        ]),
    ])
    executed = folder / "report.ipynb"
    nbformat.write(nb, executed)
    export_html(executed, folder / "report.html")
    return folder / "report.html"


TEXT_ELEMENTS = "h1, h2, h3, p, li, th, td, blockquote, pre, code, strong, em, span"


def not_drawn_with_the_embedded_face(drawn: list[dict]) -> list[dict]:
    """Elements with Chinese text that any other font drew a glyph of (the face's name in the font file
    may carry its cut: ``Sansong Sans SC Common``)."""
    return [d for d in drawn if any(ord(ch) > 0x2E80 for ch in d["text"])
            and (not d["fonts"] or any(not name.startswith(EMBEDDED_FACE) for name in d["fonts"]))]


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (make test-browser installs it)")
def test_the_browser_sees_no_cjk_system_font(tmp_path):
    """What the test below relies on: chromium's fontconfig offers no Chinese face, whatever is installed."""
    if shutil.which("fc-list") is None:
        pytest.skip("fc-list is not installed")
    conf = latin_only_fontconfig(tmp_path / "fontconfig")
    listed = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, env={**os.environ, "FONTCONFIG_FILE": str(conf)})
    assert listed.stdout.strip() == ""


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (make test-browser installs it)")
def test_every_text_is_drawn_with_the_embedded_face(all_elements_html, tmp_path):
    browser = Browser(tmp_path / "profile")
    try:
        page = browser.inspect(all_elements_html.as_uri(), TEXT_ELEMENTS)
    finally:
        browser.close()
    drawn = page["drawn_with"]
    assert {d["tag"] for d in drawn} >= {"h1", "h2", "h3", "p", "li", "th", "td", "pre", "code", "strong", "em"}, drawn
    assert not not_drawn_with_the_embedded_face(drawn), not_drawn_with_the_embedded_face(drawn)


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
        page = browser.inspect(report_html.as_uri(), TEXT_ELEMENTS)
    finally:
        browser.close()
    # Every heading, sentence and cell of the real report — the data-quality table included — in the embedded face.
    drawn = page["drawn_with"]
    tags = {d["tag"] for d in drawn}
    assert {"h1", "h2", "p", "th", "td"} <= tags, tags
    # The data-quality section: its heading and its rejects table (publish/feedback.quality_tables).
    assert any(d["text"] == "数据质量" for d in drawn)
    assert {"文件", "工作表", "原内容", "问题"} <= {d["text"] for d in drawn if d["tag"] == "th"}, drawn  # the rejects table
    assert not not_drawn_with_the_embedded_face(drawn), not_drawn_with_the_embedded_face(drawn)
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
