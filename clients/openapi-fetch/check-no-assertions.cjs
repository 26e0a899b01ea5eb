// Fails when a TypeScript file gets around the compiler's checks: a type assertion (`x as T`, `<T>x`,
// `x as const`), a non-null assertion (`x!`), the type `any`, or a @ts-ignore / @ts-expect-error /
// @ts-nocheck comment.
// Usage: node check-no-assertions.cjs FILE.ts...
"use strict";
const fs = require("node:fs");
const ts = require("typescript");

let found = 0;
for (const file of process.argv.slice(2)) {
    const text = fs.readFileSync(file, "utf8");
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const report = (position, what) => {
        const { line, character } = source.getLineAndCharacterOfPosition(position);
        console.error(`${file}:${line + 1}:${character + 1}: ${what}`);
        found++;
    };
    const visit = (node) => {
        if (ts.isAsExpression(node) || ts.isTypeAssertionExpression(node)) {
            report(node.getStart(source), `type assertion: ${node.getText(source)}`);
        } else if (ts.isNonNullExpression(node)) {
            report(node.getStart(source), `non-null assertion: ${node.getText(source)}`);
        } else if (node.kind === ts.SyntaxKind.AnyKeyword) {
            report(node.getStart(source), "the type any");
        }
        ts.forEachChild(node, visit);
    };
    visit(source);
    for (const match of text.matchAll(/@ts-(ignore|expect-error|nocheck)/g)) {
        report(match.index, `@ts-${match[1]} comment`);
    }
}
if (found > 0) {
    process.exit(1);
}
