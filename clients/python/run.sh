#!/usr/bin/env bash
# Generates the Python client from openapi.yaml with openapi-generator's command-line jar (the commands
# of the README), and runs roundtrip.py with it against the service. Exits non-zero on any failure.
# The client needs Python 3.9 or newer with pydantic 2, urllib3 2 and python-dateutil (pip install
# pydantic urllib3 python-dateutil; Debian 12's pydantic is 1.x). SKIP_BUILD=1 uses the jar of the
# last build.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
python="${PYTHON:-python3}"
if ! "$python" -c 'import pydantic, urllib3, dateutil, typing_extensions
assert int(pydantic.VERSION.split(".")[0]) >= 2 and int(urllib3.__version__.split(".")[0]) >= 2' 2>/dev/null; then
    echo "$python lacks pydantic 2, urllib3 2, python-dateutil or typing_extensions, which the client needs" >&2
    exit 3
fi
generator=target/tools/openapi-generator-cli-7.25.0.jar
if [ ! -f "$generator" ]; then
    ./mvnw -B -q dependency:copy -Dartifact=org.openapitools:openapi-generator-cli:7.25.0 -DoutputDirectory=target/tools
fi
rm -rf target/generated-clients/python
java -jar "$generator" generate -i openapi.yaml -g python -o target/generated-clients/python \
    --package-name gradient_client > target/generated-clients-python.log
clients/with-service.sh sh -c "\"$python\" clients/python/roundtrip.py \"\$BASE_URL\""
