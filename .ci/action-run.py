#!/usr/bin/env python3
"""Runs the composite steps of action.yml here, as the GitHub runner would.

    action-run.py ACTION_DIR WORKSPACE INPUTS_JSON [CONTEXT_JSON]

Each `run:` step runs with bash in its working-directory and with its `env:`, the
`${{ ... }}` expressions in them evaluated from the inputs (action.yml's defaults for those
not given), the steps' outputs so far and the context (github.action_ref, ...). A `uses:`
step is not run: its `if:` is evaluated and the step is reported with its `with:`. Prints a
JSON object: the outputs of each step, the `uses:` steps that would run, and the exit status
of the step that failed (the runner stops there), else 0.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

import yaml

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def main():
    action_dir, workspace, inputs_json = sys.argv[1:4]
    context = json.loads(sys.argv[4]) if len(sys.argv) > 4 else {}
    with open(os.path.join(action_dir, "action.yml"), encoding="utf-8") as f:
        action = yaml.safe_load(f)
    given = json.loads(inputs_json)
    unknown = set(given) - set(action["inputs"])
    if unknown:
        sys.exit(f"inputs action.yml does not declare: {sorted(unknown)}")
    inputs = {name: str(given.get(name, spec.get("default", "")))
              for name, spec in action["inputs"].items()}
    for name, spec in action["inputs"].items():
        if spec.get("required") and not inputs[name]:
            sys.exit(f"required input {name} not given")
    outputs = {}
    result = {"steps": {}, "uses": [], "status": 0}

    def value(expression):
        expression = expression.strip()
        match = re.fullmatch(r"inputs\.([\w-]+)", expression)
        if match:
            return inputs[match.group(1)]
        match = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expression)
        if match:
            return outputs.get(match.group(1), {}).get(match.group(2), "")
        match = re.fullmatch(r"github\.(\w+)", expression)
        if match:
            return context.get(match.group(1), "")
        sys.exit(f"action-run.py cannot evaluate ${{{{ {expression} }}}}")

    def substitute(text):
        return EXPRESSION.sub(lambda m: value(m.group(1)), str(text))

    def condition(text):
        # The forms action.yml uses: `A == 'x' && B != ''`.
        if text is None:
            return True
        for clause in str(text).split("&&"):
            left, op, right = re.fullmatch(r"\s*(.+?)\s*(==|!=)\s*'(.*)'\s*", clause).groups()
            equal = value(left) == right
            if equal != (op == "=="):
                return False
        return True

    for index, step in enumerate(action["runs"]["steps"]):
        name = step.get("id", f"step{index}")
        if not condition(step.get("if")):
            continue
        if "uses" in step:
            result["uses"].append({"uses": step["uses"],
                                   "with": {k: substitute(v) for k, v in step.get("with", {}).items()}})
            continue
        with tempfile.NamedTemporaryFile("r", delete=False) as out_file, \
                tempfile.NamedTemporaryFile("r", delete=False) as path_file:
            pass
        env = dict(os.environ)
        env.update({k: substitute(v) for k, v in step.get("env", {}).items()})
        env.update({"GITHUB_ACTION_PATH": action_dir, "GITHUB_OUTPUT": out_file.name,
                    "GITHUB_PATH": path_file.name, "GITHUB_WORKSPACE": workspace})
        cwd = os.path.join(workspace, substitute(step.get("working-directory", ".")))
        # The step's log goes to stderr: stdout is this script's JSON.
        done = subprocess.run(["bash", "-e", "-c", substitute(step["run"])], cwd=cwd, env=env,
                              stdout=sys.stderr)
        with open(out_file.name, encoding="utf-8") as f:
            outputs[name] = dict(line.rstrip("\n").split("=", 1) for line in f if "=" in line)
        with open(path_file.name, encoding="utf-8") as f:
            added = [line.strip() for line in f if line.strip()]
        os.environ["PATH"] = os.pathsep.join(added + [os.environ["PATH"]])
        os.unlink(out_file.name)
        os.unlink(path_file.name)
        result["steps"][name] = outputs[name]
        if done.returncode != 0:
            result["status"] = done.returncode
            break
    result["outputs"] = {k: substitute(v["value"]) for k, v in action.get("outputs", {}).items()}
    print(json.dumps(result))


main()
