-- A mix of valid, invalid and oversized requests for the soak test, drawn at random per request, and a
-- count of the answers by status over all threads.
--   wrk -t2 -c16 -d600s -s bench/wrk/mixed.lua http://localhost:18080 -- DIRECTORY [KIND,KIND,...]
-- DIRECTORY holds the bodies soak.py writes: one file per kind, NAME.json (or NAME.cbor); the optional
-- list keeps only those kinds.
local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

local kinds = {
    -- name, path, content type, weight
    {"course", "/gradient", "application/json", 30},
    {"batch", "/gradient", "application/json", 10},
    {"trace", "/gradient", "application/json", 5},
    {"check", "/gradient", "application/json", 3},
    {"jacobian", "/jacobian", "application/json", 5},
    {"forward", "/forward", "application/json", 5},
    {"course-cbor", "/gradient", "application/cbor", 5},
    {"malformed", "/gradient", "application/json", 5},
    {"nan", "/gradient", "application/json", 5},
    {"wrong-count", "/gradient", "application/json", 5},
    {"bad-label", "/gradient", "application/json", 5},
    {"overflow", "/gradient", "application/json", 3},
    {"unknown-field", "/gradient", "application/json", 3},
    {"oversized", "/gradient", "application/json", 2},
    {"text", "/gradient", "text/plain", 2},
    {"nowhere", "/nowhere", "application/json", 2},
    {"large", "/gradient", "application/json", 5},
}

function init(args)
    counts = {}
    local directory = args[1]
    if args[2] then
        local only = {}
        for name in string.gmatch(args[2], "[^,]+") do
            only[name] = true
        end
        local kept = {}
        for _, kind in ipairs(kinds) do
            if only[kind[1]] then
                table.insert(kept, kind)
            end
        end
        kinds = kept
    end
    local total = 0
    for _, kind in ipairs(kinds) do
        local extension = kind[3] == "application/cbor" and ".cbor" or ".json"
        local file = assert(io.open(directory .. "/" .. kind[1] .. extension, "rb"))
        local body = file:read("*a")
        file:close()
        total = total + kind[4]
        kind.cumulative = total
        kind.request = wrk.format("POST", kind[2], {["Content-Type"] = kind[3], ["Accept"] = "*/*"}, body)
    end
    weight_total = total
    math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

function request()
    local r = math.random(weight_total)
    for _, kind in ipairs(kinds) do
        if r <= kind.cumulative then
            return kind.request
        end
    end
end

function response(status, headers, body)
    counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
    local total = {}
    for _, thread in ipairs(threads) do
        for status, n in pairs(thread:get("counts")) do
            total[status] = (total[status] or 0) + n
        end
    end
    local parts = {}
    for status, n in pairs(total) do
        table.insert(parts, string.format('"%d": %d', status, n))
    end
    io.write(string.format(
        'RESULT {"requests": %d, "seconds": %.1f, "rps": %.1f, "p50_us": %d, "p99_us": %d, "socket_errors": %d, "statuses": {%s}}\n',
        summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
        latency:percentile(50), latency:percentile(99),
        summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
        table.concat(parts, ", ")))
end
