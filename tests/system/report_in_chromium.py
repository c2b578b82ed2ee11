#!/usr/bin/python3
"""Opens an HTML timing report from framepool-cli in headless Chromium (Debian's `chromium`).

Checks that the page loads without console messages (the report has no scripts, so any message
is an error), that every chart SVG is laid out with a size and has bars, and that a hostile
file name is shown as text instead of becoming markup. Writes a screenshot next to the report.
Exits 77 (CTest's skip) when chromium is not installed.
"""

import argparse
import json
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

HOSTILE_NAME = "<img src=x onerror=alert(1)>.png"
SKIP = 77

# A page that loads the report in a same-origin frame and writes what the browser laid out
# into its own DOM, which --dump-dom then prints.
PROBE_PAGE = """<!doctype html>
<html><body><pre id="probe">report did not load</pre>
<iframe id="report" src="report.html" style="width: 1200px; height: 1600px"></iframe>
<script>
document.getElementById("report").addEventListener("load", () => {
  const doc = document.getElementById("report").contentDocument;
  const charts = [...doc.querySelectorAll("svg")].map(svg => {
    const box = svg.getBoundingClientRect();
    return {width: box.width, height: box.height,
            bars: svg.querySelectorAll("rect.bar, rect.task").length};
  });
  document.getElementById("probe").textContent = JSON.stringify({
    charts,
    elementsWithOnerror: doc.querySelectorAll("[onerror]").length,
    hostileNameAsText: doc.body.textContent.includes(HOSTILE),
  });
});
</script></body></html>
"""


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def chromium(args, timeout=60):
    command = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
               "--allow-file-access-from-files", "--enable-logging=stderr", "--v=0",
               "--virtual-time-budget=10000"] + args
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        # A dialog such as alert() from markup that got into the report blocks the page for good.
        fail(f"chromium did not finish within {timeout} s (a script in the report waiting on a dialog?)")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True, help="framepool-cli to make the report with")
    parser.add_argument("--samples", required=True, help="the sample media folder (build/samples)")
    parser.add_argument("--out", required=True, help="folder for the report and the screenshot")
    args = parser.parse_args()

    if shutil.which("chromium") is None:
        print("SKIP: chromium is not installed (apt-get install chromium); the report was not "
              "checked in a browser")
        sys.exit(SKIP)

    out = pathlib.Path(args.out)
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as media:
        # A small image set and one image whose name is markup.
        frames = sorted(pathlib.Path(args.samples, "gradients").glob("*.png"))[:6]
        if not frames:
            fail(f"no sample images in {args.samples}/gradients")
        image_set = pathlib.Path(media, "gradients")
        image_set.mkdir()
        for frame in frames:
            shutil.copy(frame, image_set)
        shutil.copy(frames[0], pathlib.Path(media, HOSTILE_NAME))
        run = subprocess.run([args.cli, "--compare", "-j", "2", "-o", str(out / "report.html"), "--",
                              str(image_set), str(pathlib.Path(media, HOSTILE_NAME))],
                             capture_output=True, text=True, timeout=300)
        if run.returncode != 0:
            fail(f"framepool-cli exited with {run.returncode}:\n{run.stdout}{run.stderr}")

    (out / "probe.html").write_text(PROBE_PAGE.replace("HOSTILE", json.dumps(HOSTILE_NAME[:-4])))
    probe = chromium(["--dump-dom", (out / "probe.html").as_uri()])
    console = [line for line in probe.stderr.splitlines() if ":CONSOLE" in line]
    match = re.search(r'<pre id="probe">(.*?)</pre>', probe.stdout, re.S)
    if probe.returncode != 0 or not match:
        fail(f"chromium exited with {probe.returncode} and no probe result:\n{probe.stderr[-2000:]}")
    try:
        result = json.loads(match.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    except json.JSONDecodeError:
        fail(f"the report did not load in chromium: {match.group(1)}")
    print(json.dumps(result, indent=1))

    problems = []
    if console:
        problems.append("console messages:\n  " + "\n  ".join(console))
    if len(result["charts"]) < 2:
        problems.append(f"expected the run chart and the timeline, found {len(result['charts'])} SVGs")
    for index, chart in enumerate(result["charts"]):
        if chart["width"] < 100 or chart["height"] < 20:
            problems.append(f"SVG {index} is laid out {chart['width']} x {chart['height']} px")
        if chart["bars"] == 0:
            problems.append(f"SVG {index} has no bars")
    if result["elementsWithOnerror"] != 0:
        problems.append("the hostile file name became markup (an element with onerror)")
    if not result["hostileNameAsText"]:
        problems.append("the hostile file name is not in the report's text")
    if problems:
        fail("\n".join(problems))

    shot = chromium([f"--screenshot={out / 'report.png'}", "--window-size=1200,1600",
                     (out / "report.html").as_uri()])
    if shot.returncode != 0 or not (out / "report.png").is_file():
        fail(f"no screenshot:\n{shot.stderr[-2000:]}")
    print(f"PASS; screenshot: {out / 'report.png'}")


if __name__ == "__main__":
    main()
