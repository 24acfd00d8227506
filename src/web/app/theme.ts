import type { ThemeConfig } from 'antd';

const FONT_FAMILY =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'Helvetica Neue', Arial, sans-serif";

/*
 * Contrast on white, checked by hand: primary #b3261e 6.5:1 (AA), errors #cf1322 5.6:1,
 * secondary text 0.62 black 6.2:1, placeholders #767676 4.5:1, input borders
 * #8c8c8c 3.4:1 (WCAG 1.4.11). Elderly mode aims at AAA: primary #8f1d16 8.9:1,
 * text pure black, borders #595959.
 */
const normal: ThemeConfig = {
  token: {
    colorPrimary: '#b3261e',
    colorLink: '#b3261e',
    colorInfo: '#1d4ed8',
    // antd's #ff4d4f gives error messages only 3.3:1 on white.
    colorError: '#cf1322',
    colorBorder: '#8c8c8c',
    colorTextSecondary: 'rgba(0, 0, 0, 0.7)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: '#767676',
    fontFamily: FONT_FAMILY,
    fontSize: 15,
    borderRadius: 6,
  },
  components: {
    // antd's pale grey empty stars and yellow full stars stay under 3:1 on white (WCAG 1.4.11).
    Rate: { starBg: '#8c8c8c', starColor: '#ad6800', starSize: 26 },
  },
};

const elderly: ThemeConfig = {
  token: {
    ...normal.token,
    colorPrimary: '#8f1d16',
    colorLink: '#8f1d16',
    colorError: '#a8071a',
    colorText: '#000000',
    colorTextHeading: '#000000',
    colorTextSecondary: '#1f1f1f',
    colorTextTertiary: '#404040',
    colorTextDescription: '#262626',
    colorTextPlaceholder: '#595959',
    colorBorder: '#595959',
    colorSplit: '#8c8c8c',
    fontSize: 20,
    fontSizeSM: 18,
    fontSizeLG: 22,
    fontSizeHeading1: 34,
    fontSizeHeading2: 28,
    fontSizeHeading3: 24,
    lineHeight: 1.6,
    controlHeight: 48,
    controlHeightSM: 40,
    controlHeightLG: 56,
    lineWidth: 2,
  },
  components: {
    Menu: { itemHeight: 56 },
    Button: { primaryShadow: 'none', defaultShadow: 'none', dangerShadow: 'none' },
    Switch: { handleSize: 22, trackHeight: 28, trackMinWidth: 56, trackHeightSM: 24, handleSizeSM: 18, trackMinWidthSM: 44 },
    Table: { cellPaddingBlock: 20 },
    Rate: { starBg: '#595959', starColor: '#8a5300', starSize: 32 },
  },
};

export function themeFor(isElderly: boolean): ThemeConfig {
  return isElderly ? elderly : normal;
}
