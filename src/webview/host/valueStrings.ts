// The texts of the DOM helpers of the details page (src/webview/app/dom.ts), which the compare page shares: one
// builder so that both pages say the same words for the same values.
import * as vscode from 'vscode';

export function valueStrings(): {
  valueBidi: string;
  valueBidiTitle: string;
  valueShowLess: string;
  valueShowAll: string;
  valueEmpty: string;
  valueNoValues: string;
  yes: string;
  no: string;
  valueDateLocale: string;
} {
  return {
    valueBidi: vscode.l10n.t('bidi'),
    valueBidiTitle: vscode.l10n.t('Contains bidirectional control characters; shown isolated.'),
    valueShowLess: vscode.l10n.t('Show less'),
    valueShowAll: vscode.l10n.t('Show all ({0} characters)'),
    valueEmpty: vscode.l10n.t('(empty)'),
    valueNoValues: vscode.l10n.t('(no values)'),
    yes: vscode.l10n.t('Yes'),
    no: vscode.l10n.t('No'),
    // Not a text to translate: the locale the pages write dates in, as the tree's tooltips do.
    valueDateLocale: vscode.env.language,
  };
}
