// One stopper for every child process the repo starts: src/testing/stop-child.ts.
export { stopper } from "../../src/testing/stop-child.js";
