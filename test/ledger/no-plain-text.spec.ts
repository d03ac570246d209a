import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * Every refusal a person reads comes from the catalogue, so a Chinese caller never meets English.
 * DomainError takes only a `Message` (the compiler refuses text); this test covers what the
 * compiler cannot: HTTP exceptions built with text (`new XException('…')`, use
 * `localized(XException, msg(…))`), `badRequest(field, '…')`, and validators' own wording
 * (`{ message: '…' }`, use `says(msg(…))`) — outside src/config, whose messages are for operators
 * reading the start-up log.
 */
const root = path.join(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.ts$/.test(entry.name) && !/\.spec\.ts$/.test(entry.name) ? [full] : [];
  });
}

const isText = (node: ts.Node | undefined): boolean =>
  !!node &&
  (ts.isStringLiteral(node) ||
    ts.isNoSubstitutionTemplateLiteral(node) ||
    ts.isTemplateExpression(node) ||
    (ts.isBinaryExpression(node) && (isText(node.left) || isText(node.right))));

/**
 * Validators the validation pipe answers by their constraint's name (request-body.ts), whose
 * wording (`year must be a whole number`, `personId must be a UUID`) the catalogue repeats.
 */
const mappedByName = new Set(['IsInt', 'IsUUID', 'IsBoolean']);

/** Where a file builds a person-facing refusal from text: `file:line  code`. */
export function plainTextRefusals(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const report = (node: ts.Node) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart());
    found.push(`${path.relative(root, file)}:${line + 1}  ${node.getText().slice(0, 80)}`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isNewExpression(node) && /Exception$/.test(node.expression.getText()))
      if (isText(node.arguments?.[0])) report(node);
    if (ts.isCallExpression(node)) {
      const callee = node.expression.getText();
      const messageAt: Record<string, number> = {
        badRequest: 1,
        invalid: 1,
        notFound: 1,
        ruleViolated: 2,
        conflict: 0,
        forbidden: 0,
      };
      if (callee in messageAt && isText(node.arguments[messageAt[callee]])) report(node);
    }
    if (
      ts.isPropertyAssignment(node) &&
      node.name.getText() === 'message' &&
      isText(node.initializer) &&
      ts.isObjectLiteralExpression(node.parent) &&
      ts.isCallExpression(node.parent.parent) &&
      ts.isDecorator(node.parent.parent.parent) &&
      !mappedByName.has(node.parent.parent.expression.getText())
    )
      report(node);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('no refusal in plain text', () => {
  it('finds the patterns it is meant to refuse', () => {
    const sample = [
      "throw invalid('x', `x is ${1}`);",
      "throw conflict('taken');",
      "throw new NotFoundException('gone');",
      "throw badRequest('f', 'bad');",
      "class A { @Matches(/a/, { message: 'a must be a' }) a!: string; }",
      "throw invalid('x', msg('invalid.plan'));",
      "throw localized(NotFoundException, msg('not-found.person'));",
    ].join('\n');
    expect(plainTextRefusals(path.join(root, 'src/sample.ts'), sample)).toHaveLength(5);
  });

  it('src/ builds every refusal from the catalogue', () => {
    const found = sourceFiles(path.join(root, 'src'))
      .filter((file) => !file.includes(`${path.sep}config${path.sep}`))
      .flatMap((file) => plainTextRefusals(file, readFileSync(file, 'utf8')));
    expect(found).toEqual([]);
  });
});
