"""Seed the directory of institutions: the large Chinese banks, payment apps, complaint bodies.

Rows are marked ``seeded`` and stay editable. A name the user already added is left as it is,
only its empty fields are filled in.

Revision ID: 0002_seed_directory
Revises: 0001_initial
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_seed_directory"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

# name, short name, English name, kind, hotline, website
DIRECTORY: list[tuple[str, str, str, str, str, str]] = [
    ("中国工商银行", "工商银行", "Industrial and Commercial Bank of China", "bank", "95588", "www.icbc.com.cn"),
    ("中国农业银行", "农业银行", "Agricultural Bank of China", "bank", "95599", "www.abchina.com"),
    ("中国银行", "中国银行", "Bank of China", "bank", "95566", "www.boc.cn"),
    ("中国建设银行", "建设银行", "China Construction Bank", "bank", "95533", "www.ccb.com"),
    ("交通银行", "交通银行", "Bank of Communications", "bank", "95559", "www.bankcomm.com"),
    ("中国邮政储蓄银行", "邮储银行", "Postal Savings Bank of China", "bank", "95580", "www.psbc.com"),
    ("招商银行", "招商银行", "China Merchants Bank", "bank", "95555", "www.cmbchina.com"),
    ("中信银行", "中信银行", "China CITIC Bank", "bank", "95558", "www.citicbank.com"),
    ("中国光大银行", "光大银行", "China Everbright Bank", "bank", "95595", "www.cebbank.com"),
    ("华夏银行", "华夏银行", "Hua Xia Bank", "bank", "95577", "www.hxb.com.cn"),
    ("中国民生银行", "民生银行", "China Minsheng Bank", "bank", "95568", "www.cmbc.com.cn"),
    ("广发银行", "广发银行", "China Guangfa Bank", "bank", "95508", "www.cgbchina.com.cn"),
    ("平安银行", "平安银行", "Ping An Bank", "bank", "95511", "bank.pingan.com"),
    ("兴业银行", "兴业银行", "Industrial Bank", "bank", "95561", "www.cib.com.cn"),
    ("上海浦东发展银行", "浦发银行", "Shanghai Pudong Development Bank", "bank", "95528", "www.spdb.com.cn"),
    ("支付宝", "支付宝", "Alipay", "payment", "95188", "www.alipay.com"),
    ("微信支付", "微信支付", "WeChat Pay", "payment", "95017", "pay.weixin.qq.com"),
    ("国家金融监督管理总局", "金融监管总局", "National Financial Regulatory Administration", "regulator", "12378", "www.nfra.gov.cn"),
    ("中国人民银行", "人民银行", "People's Bank of China", "regulator", "12363", "www.pbc.gov.cn"),
    ("全国12315平台", "12315", "National 12315 Platform (SAMR)", "consumer_body", "12315", "www.12315.cn"),
    ("中国消费者协会", "中消协", "China Consumers Association", "consumer_body", "", "www.cca.org.cn"),
    ("Financial Ombudsman Service", "FOS", "Financial Ombudsman Service (UK)", "regulator", "0800 023 4567", "www.financial-ombudsman.org.uk"),
    ("Consumer Financial Protection Bureau", "CFPB", "Consumer Financial Protection Bureau (US)", "regulator", "(855) 411-2372", "www.consumerfinance.gov"),
]


def upgrade() -> None:
    conn = op.get_bind()
    for name, short, english, kind, hotline, website in DIRECTORY:
        existing = conn.execute(
            sa.text("SELECT id FROM institution WHERE name = :name"), {"name": name}
        ).first()
        if existing is None:
            conn.execute(
                sa.text(
                    "INSERT INTO institution (name, short_name, name_en, kind, hotline, email,"
                    " website, notes, seeded) VALUES (:name, :short, :english, :kind, :hotline,"
                    " '', :website, '', 1)"
                ),
                {"name": name, "short": short, "english": english, "kind": kind,
                 "hotline": hotline, "website": website},
            )
        else:
            conn.execute(
                sa.text(
                    "UPDATE institution SET"
                    " short_name = CASE WHEN short_name = '' THEN :short ELSE short_name END,"
                    " name_en = CASE WHEN name_en = '' THEN :english ELSE name_en END,"
                    " hotline = CASE WHEN hotline = '' THEN :hotline ELSE hotline END,"
                    " website = CASE WHEN website = '' THEN :website ELSE website END"
                    " WHERE id = :id"
                ),
                {"short": short, "english": english, "hotline": hotline, "website": website,
                 "id": existing[0]},
            )


def downgrade() -> None:
    conn = op.get_bind()
    conn.execute(
        sa.text(
            "DELETE FROM institution WHERE seeded = 1"
            " AND id NOT IN (SELECT institution_id FROM \"case\")"
        )
    )
