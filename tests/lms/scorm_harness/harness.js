// A learning platform in one page, for the SCORM tests: scorm-again's SCORM 1.2 runtime (a real
// one we did not write) as window.API, and the package in a frame, as platforms play it.
// The query string sets up the platform:
//   package=<folder>  the unpacked package to play (its index.html)
//   state=<JSON>      what the platform kept from an earlier visit (scorm-again's loadFromJSON)
//   refuse=<names>    comma-separated: LMSSetValue refuses these elements (every element with "*"),
//                     as a platform does when it cannot store a value ("false", error 351); a
//                     method name (LMSInitialize…) makes that method fail ("false", error 101)
// Every call the package makes is logged in window.calls: [method, arguments, return value].
const query = new URLSearchParams(location.search);
const lms = new window.Scorm12API({ logLevel: 5, autocommit: false });
if (query.get("state")) lms.loadFromJSON(JSON.parse(query.get("state")));
const refused = (query.get("refuse") || "").split(",").filter(Boolean);
const calls = [];
let refusal = null; // the error of the last refused call, until the next call

const METHODS = ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit", "LMSGetLastError",
  "LMSGetErrorString", "LMSGetDiagnostic"];
const api = {};
for (const method of METHODS) {
  api[method] = (...args) => {
    let value;
    if (refused.includes(method)) {
      refusal = "101";
      value = "false";
    } else if (method == "LMSSetValue" && (refused.includes("*") || refused.includes(args[0]))) {
      refusal = "351";
      value = "false";
    } else if (method == "LMSGetLastError" && refusal) {
      value = refusal;
    } else if (method == "LMSGetErrorString" && ["101", "351"].includes(args[0])) {
      value = args[0] == "101" ? "General Exception" : "General Set Failure";
    } else {
      if (!method.startsWith("LMSGet") || method == "LMSGetValue") refusal = null;
      value = lms[method](...args);
    }
    calls.push([method, args, value]);
    return value;
  };
}
window.API = api;
window.lms = lms;
window.calls = calls;

addEventListener("DOMContentLoaded", () => {
  const frame = document.createElement("iframe");
  frame.title = "Quiz";
  frame.src = `${query.get("package")}/index.html`;
  frame.style.cssText = "width: 100%; height: 80vh; border: 1px solid";
  document.body.append(frame);
});
