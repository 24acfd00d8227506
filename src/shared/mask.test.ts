import { describe, expect, it } from 'vitest';
import { findPersonalData, maskMobile, maskPersonalData } from './mask.js';

describe('maskMobile', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['+8613812345678', '**************'],
    ['abc', '***'],
  ])('masks %s as %s', (mobile, expected) => {
    expect(maskMobile(mobile)).toBe(expected);
  });

  it('keeps null', () => {
    expect(maskMobile(null)).toBeNull();
  });
});

describe('maskPersonalData', () => {
  it.each([
    // Mobile numbers, however written.
    ['我的电话13812345678', '我的电话138****5678'],
    ['电话：138-1234-5678。', '电话：138****5678。'],
    ['电话 138 1234 5678 谢谢', '电话 138****5678 谢谢'],
    ['+86 138 1234 5678', '+86 138****5678'],
    ['+8613812345678', '+86138****5678'],
    ['008613812345678', '0086138****5678'],
    ['（19912345678）', '（199****5678）'],
    ['１３８１２３４５６７８', '１３８****５６７８'],
    ['13812345678和15987654321', '138****5678和159****4321'],
    ['住3栋1203 13812345678', '住3栋1203 138****5678'],
    // ID card numbers.
    ['身份证号11010119900307123X', '身份证号110101********123X'],
    ['身份证号11010119900307123x', '身份证号110101********123x'],
    ['身份证号110101199003071234。', '身份证号110101********1234。'],
    ['身份证 110101 19900307 1234', '身份证 110101********1234'],
    ['老身份证110101900307123', '老身份证110101********7123'],
    ['身份证１１０１０１１９９００３０７１２３Ｘ', '身份证１１０１０１********１２３Ｘ'],
    // Bank card numbers.
    ['卡号6222021234567890123', '卡号6222****0123'],
    ['卡号6222 0212 3456 7890 123', '卡号6222****0123'],
    ['卡号6222-0212-3456-7890', '卡号6222****7890'],
    ['卡号4111111111111111', '卡号4111****1111'],
    ['卡号6222021234567890', '卡号6222****7890'],
    // E-mail addresses.
    ['邮箱zhang.san@example.com谢谢', '邮箱z***@example.com谢谢'],
    ['请发到 12345678@qq.com', '请发到 1***@qq.com'],
    ['a.b-c+d@mail.gov.cn', 'a***@mail.gov.cn'],
    // Car plates.
    ['车牌赣A12345', '车牌赣A***45'],
    ['新能源车京AD12345', '新能源车京A****45'],
    ['粤B·12345违停', '粤B·***45违停'],
    ['沪C 1234F', '沪C ***4F'],
    ['滬A12345', '滬A***45'],
    ['苏E1234挂', '苏E***4挂'],
    ['赣a12345', '赣a***45'],
    // Several kinds at once.
    [
      '张三，电话13812345678，身份证11010119900307123X，卡号6222021234567890123，邮箱zs@example.com，车牌赣A12345。',
      '张三，电话138****5678，身份证110101********123X，卡号6222****0123，邮箱z***@example.com，车牌赣A***45。',
    ],
  ])('masks %s', (text, expected) => {
    expect(maskPersonalData(text)).toBe(expected);
  });

  it.each([
    ['', 'empty text'],
    ['小区路灯坏了三个月，请尽快修理。', 'text without numbers'],
    ['2026年11月23日', 'a date'],
    ['2026-11-23', 'an ISO date'],
    ['20261123', 'a compact date'],
    ['留言编号2026-11-23-000123', 'a message number'],
    ['补贴3000元，欠薪138000元', 'amounts'],
    ['共计13800000元', 'a large amount that is no mobile number'],
    ['1380000000', 'ten digits'],
    ['138123456789', 'twelve digits starting like a mobile'],
    ['2613812345678', 'a mobile number inside a longer number'],
    ['12345678901', 'eleven digits starting with 12'],
    ['热线12345，电话0791-86661234', 'hotlines and landlines'],
    ['服务电话400-123-4567', 'a 400 number'],
    ['发票号码12345678901234567890', 'a 20-digit invoice number'],
    ['IP 192.168.100.200', 'an IP address'],
    ['版本1.13.8', 'a version'],
    ['粤港澳大湾区', 'a province abbreviation followed by another character'],
    ['新CPU和云ECS', 'letters after a province abbreviation'],
    ['京A1', 'a short plate-like string'],
    ['新Model3', 'a model name after 新'],
    ['云ECS12345678', 'a long code after 云'],
    ['发邮件到@某人', 'an @ without an address'],
    ['138****5678', 'an already masked mobile'],
    ['110101********123X', 'an already masked ID number'],
    ['z***@example.com', 'an already masked e-mail'],
    ['赣A***45', 'an already masked plate'],
  ])('leaves %s alone (%s)', (text) => {
    expect(maskPersonalData(text)).toBe(text);
  });

  it('is idempotent', () => {
    const text = '电话+86 138 1234 5678，身份证11010119900307123X，邮箱zs@example.com，车牌京AD12345，卡号6222 0212 3456 7890 123';
    const once = maskPersonalData(text);
    expect(maskPersonalData(once)).toBe(once);
  });

  it('masks a 16–19 digit run that fails the Luhn check (a mistyped card is still a card)', () => {
    expect(maskPersonalData('6222021234567890124')).toBe('6222****0124');
  });

  it('treats an 18-digit run without a valid birth date as a bank card, not an ID', () => {
    expect(maskPersonalData('110101199013071234')).toBe('1101****1234');
  });
});

describe('findPersonalData', () => {
  it.each([
    ['没有个人信息，2026年11月23日，3000元', []],
    ['电话13812345678', ['mobile']],
    ['身份证11010119900307123X', ['id_card']],
    ['卡号6222021234567890123', ['bank_card']],
    ['邮箱zs@example.com', ['email']],
    ['车牌赣A12345', ['plate']],
    ['车牌赣A12345，电话13812345678，又一个电话15987654321，身份证11010119900307123X', ['mobile', 'id_card', 'plate']],
    [
      '邮箱zs@example.com，卡号6222021234567890123，电话13812345678，身份证110101900307123，车牌京AD12345',
      ['mobile', 'id_card', 'bank_card', 'email', 'plate'],
    ],
  ] as const)('finds in %s: %j', (text, kinds) => {
    expect(findPersonalData(text)).toEqual(kinds);
  });
});
