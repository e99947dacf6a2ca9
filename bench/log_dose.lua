-- wrk script for the write path (bench/measure.py::write_path): each wrk thread is one patient
-- logging doses through the form, with a fresh one-click token on every request (a repeated
-- token is answered "Already recorded" and logs nothing) and a time drawn between the course's
-- start and now (a patient's doses are spread over days, and a dose entered late is checked
-- against the doses after it too). Arguments after `--`, one per thread: "session|csrf
-- cookie|csrf token|form path|first epoch|last epoch" (UTC). A logged dose answers 302;
-- anything else (the form again, with an error) is counted and printed as NOT_LOGGED.

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("index", counter)
  table.insert(threads, thread)
end

local function escape(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local function uuid4()
  local r = math.random
  return string.format("%04x%04x-%04x-4%03x-%x%03x-%04x%04x%04x",
    r(0, 0xffff), r(0, 0xffff), r(0, 0xffff), r(0, 0xfff), r(8, 11), r(0, 0xfff),
    r(0, 0xffff), r(0, 0xffff), r(0, 0xffff))
end

function init(args)
  local fields = {}
  for part in string.gmatch(args[index], "[^|]+") do table.insert(fields, part) end
  session, csrf_cookie, csrf, path = fields[1], fields[2], fields[3], fields[4]
  first, last = tonumber(fields[5]), tonumber(fields[6])
  math.randomseed(os.time() * 1000 + index)
  not_logged = 0
  wrk.headers["Cookie"] = "sessionid=" .. session .. "; csrftoken=" .. csrf_cookie
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

function request()
  local taken = os.date("!%Y-%m-%dT%H:%M", math.random(first, last))
  local body = "csrfmiddlewaretoken=" .. escape(csrf) .. "&amount_mg=350&note=&taken_at="
    .. escape(taken) .. "&token=" .. uuid4()
  return wrk.format("POST", path, nil, body)
end

function response(status, headers, body)
  if status ~= 302 then not_logged = not_logged + 1 end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("not_logged") end
  io.write(string.format("NOT_LOGGED %d\n", total))
end
