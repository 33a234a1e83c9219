"""Screenshots of the main screens, taken from a running demo server with
headless Chromium (the DevTools protocol), for the README and the app store.

    python3 tools/screenshots.py [--url http://127.0.0.1:8069] [--db specter_gdpr_demo]
                                 [--out docs/screenshots]

Start the demo first (`make run`). Each screen is opened as the user who
sees it, in that user's language; the PNGs are written to ``--out`` and to
``specter_gdpr/static/description/``.
"""

import argparse
import base64
import json
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import requests
import websocket

ROOT = Path(__file__).resolve().parent.parent
DESCRIPTION = ROOT / "specter_gdpr" / "static" / "description"

# (file, login, password, path, JavaScript run once the page is ready, selector to wait for)
SCREENS = [
    (
        "requests_overview.png",
        "officer",
        "officer",
        "/odoo/action-specter_gdpr.action_gdpr_request_overview_open",
        None,
        ".o_form_view .o_gdpr_overview_open",
    ),
    (
        "request_form.png",
        "officer",
        "officer",
        "/odoo/action-specter_gdpr.action_gdpr_request",
        "document.querySelector('.o_data_row .o_data_cell').click()",
        ".o_form_view .o_statusbar_status",
    ),
    (
        "erasure_plan.png",
        "officer",
        "officer",
        "/odoo/action-contacts.action_contacts",
        "document.querySelector('.o_kanban_record').click()",
        ".o_form_view button[name='action_gdpr_erase_wizard']",
    ),
    (
        "inactive_customers.png",
        "officer",
        "officer",
        "/odoo/action-specter_gdpr.action_gdpr_inactive_customer_wizard",
        None,
        ".o_form_view",
    ),
    (
        "user_rights.png",
        "admin",
        "admin",
        "/odoo/action-base.action_res_users",
        "document.querySelector('.o_data_row .o_data_cell').click()",
        ".o_form_view .o_notebook",
    ),
    (
        "retention_rules.png",
        "officer",
        "officer",
        "/odoo/action-specter_gdpr.action_gdpr_retention_rule",
        None,
        ".o_list_view .o_data_row",
    ),
    (
        "portal_personal_data.png",
        "karin.berg@example.se",
        "portal",
        "/my/personal-data",
        None,
        ".o_gdpr_personal_data",
    ),
]
# after the first screen opened: the erasure dialog and its plan; the user form's personal-data page
FOLLOW_UP = {
    "user_rights.png": (
        "document.querySelector(\".o_notebook a.nav-link[name='gdpr_personal_data']\").click()",
        ".o_notebook .tab-pane.active",
    ),
    "erasure_plan.png": (
        "document.querySelector(\"button[name='action_gdpr_erase_wizard']\").click()",
        ".modal .o_gdpr_plan",
    ),
}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Browser:
    """One headless Chromium and one page, driven over the DevTools protocol."""

    def __init__(self, width=1366, height=800):
        self.profile = tempfile.mkdtemp(prefix="specter-shots-")
        port = free_port()
        binary = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
        self.process = subprocess.Popen(  # noqa: S603 - a fixed command line
            [
                binary,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                f"--remote-debugging-port={port}",
                "--remote-debugging-address=127.0.0.1",
                f"--user-data-dir={self.profile}",
                f"--window-size={width},{height}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _attempt in range(100):
            try:
                targets = requests.get(f"http://127.0.0.1:{port}/json", timeout=1).json()
                page = next(target for target in targets if target["type"] == "page")
                break
            except (requests.ConnectionError, StopIteration):
                time.sleep(0.1)
        self.socket = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30)
        self.next_id = 0
        self.send("Page.enable")
        self.send("Network.enable")
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )

    def send(self, method, **params):
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, script):
        return (
            self.send("Runtime.evaluate", expression=script, returnByValue=True)
            .get("result", {})
            .get("value")
        )

    def wait_for(self, selector, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.evaluate(f"!!document.querySelector({json.dumps(selector)})"):
                time.sleep(1.0)  # let the client finish rendering
                return
            time.sleep(0.2)
        raise TimeoutError(f"{selector} did not appear")

    def screenshot(self, path):
        data = self.send("Page.captureScreenshot", format="png")["data"]
        Path(path).write_bytes(base64.b64decode(data))

    def close(self):
        self.socket.close()
        self.process.terminate()
        self.process.wait(timeout=10)
        shutil.rmtree(self.profile, ignore_errors=True)


def session_id(url, db, login, password):
    reply = requests.post(
        f"{url}/web/session/authenticate",
        json={"jsonrpc": "2.0", "params": {"db": db, "login": login, "password": password}},
        timeout=60,
    )
    reply.raise_for_status()
    if reply.json().get("error"):
        raise RuntimeError(f"cannot log in as {login}: {reply.json()['error']['data']['message']}")
    return reply.cookies["session_id"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--db", default="specter_gdpr_demo")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    browser = Browser()
    try:
        for name, login, password, path, script, selector in SCREENS:
            browser.send("Network.clearBrowserCookies")
            browser.send(
                "Network.setCookie",
                name="session_id",
                value=session_id(args.url, args.db, login, password),
                url=args.url,
            )
            browser.send("Page.navigate", url=args.url + path)
            if script:
                browser.wait_for(".o_data_row, .o_kanban_record")
                browser.evaluate(script)
            browser.wait_for(selector)
            if name in FOLLOW_UP:
                follow_script, follow_selector = FOLLOW_UP[name]
                browser.evaluate(follow_script)
                browser.wait_for(follow_selector)
            browser.screenshot(out / name)
            shutil.copy(out / name, DESCRIPTION / name)
            print(f"{name}: {path} as {login}")
    finally:
        browser.close()


if __name__ == "__main__":
    main()
