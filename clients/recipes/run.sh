#!/usr/bin/env bash
# Runs the README's Python recipes against the service, with Debian's python3 (/usr/bin/python3, where
# python3-torch and python3-cbor2 install). A recipe whose library is missing is skipped, with a message.
#   bash clients/recipes/run.sh          (SKIP_BUILD=1 to use the jar already in target/)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
python=/usr/bin/python3
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    (cd "$here/../.." && ./mvnw -B -q -DskipTests package)
fi
run() {
    local recipe=$1 module=$2
    if ! "$python" -c "import $module" 2>/dev/null; then
        echo "skipped $recipe: $python has no $module (Debian's python3-$module)"
        return
    fi
    echo "---- $recipe"
    SKIP_BUILD=1 bash "$here/../with-service.sh" bash -c "$python '$here/$recipe' \"\$BASE_URL\"" \
        | tee "$here/../../target/recipe-${recipe%.py}.txt"
}
run pytorch_gradient.py torch
run train_over_cbor.py cbor2
# what the README says the training loop prints is what it printed
if [ -f "$here/../../target/recipe-train_over_cbor.txt" ]; then
    python3 - "$here/../../README.md" "$here/../../target/recipe-train_over_cbor.txt" <<'PY'
import re, sys
readme, printed = open(sys.argv[1]).read(), open(sys.argv[2]).read()
documented = re.search(r"It prints:\n\n```\n(.*?)```", readme, re.S).group(1)
if documented != printed:
    sys.exit("the README's output of train_over_cbor.py differs from what it printed:\n" + printed)
print("ok: the README shows what train_over_cbor.py printed")
PY
fi
