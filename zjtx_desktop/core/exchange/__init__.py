"""Exchange packages (``.zjtx``): what an enterprise hands over, signed, with its evidence,
checkable offline by the official. No Qt; pyhanko is imported only to sign or validate PDFs.

API summary (for the CLI, the window and the officials' inbox)::

    from zjtx_desktop.core.exchange.verify import verify_package, ImportContext, Earlier
    from zjtx_desktop.core.exchange.trust import TrustStore

    v = verify_package(Path("ZJTX_…_r1.zjtx"), trust_store=TrustStore(dir), context=None)
    v.accepted          # bool: no fatal check failed
    v.checks            # [Check(code, fatal, message)] in the order of officials.md §3.4;
                        # only failed checks are listed (flags when accepted)
    v.refusal           # the fatal Check that refused it, or None
    v.flags             # the non-fatal ones (PKG_PDF_MISMATCH, PKG_KEY_CHANGED, …)
    v.forms             # [FormResult(id, version, code, sha256)]  (code: 12-digit footer code)
    v.signer            # Signer(fingerprint, subject, credit_code, trusted, pin)
    v.manifest          # the parsed manifest.json (package_id, application_id, revision,
                        # enterprise{name, credit_code}, programme, files …)
    v.data()            # {form_id: DATA.json object}, verified
    v.declarations()    # {"RULESET:quantity": answer}
    v.explanations()    # [{form, field, code, rule, text}]
    v.booklet           # bytes of print/booklet.pdf (the signed exchange PDF)
    v.evidence()        # [EvidenceFile(path, title, item, name, pages, sha256, size)]
    v.files[path]       # verified bytes of any listed file
    v.to_json()         # {"accepted", "checks": [{code, fatal, message}], "forms": [{id, code}],
                        #  "signer": {fingerprint, subject, trusted}}  (zjtx package verify --json)
    v.exit_code         # 0 accepted, 1 refused, 2 unusable (not a readable ZIP)

    # checks 9–11 need what the workspace holds: pass it, and they are made here
    ctx = ImportContext(form_versions={"nat-xjr-application-2021": "2021.1"},
                        earlier=[Earlier(package_id, application_id, revision, credit_code,
                                         fingerprint), …])

    # the enterprise's side
    from zjtx_desktop.core.exchange.identity import create_identity, load_identity, identity_path
    from zjtx_desktop.core.exchange.package import export_package, PackageRefused
    from zjtx_desktop.core.exchange.evidence import add_evidence, list_evidence, remove_evidence

    # the 推荐单位's side of the exchange PDF (signing.md §9 item 6): part 六's values and
    # the 推荐单位（公章） signature in one revision; RecommenderSeal's FieldMDP lock covers
    # the part6_<field> text fields, so a later change invalidates that signature
    from zjtx_desktop.core.exchange.pdfsign import sign_recommendation
    pdf = sign_recommendation(pdf, identity, {"review_opinion": "同意", …})
    from zjtx_desktop.core.exchange.part6 import part6_values   # {field id: text}

Check codes and messages: ``checks.CHECKS``. Modules: ``zipsafe`` (reading untrusted ZIPs),
``identity`` (EC P-256 key + certificate in a PKCS#12), ``keyfiles`` (where they live),
``package`` (writing), ``verify`` (checking), ``booklet``/``pdfsign`` (the exchange PDF,
PAdES), ``part6`` (part 六's fields and their lock), ``pdfverify`` (PDF signatures and
page-by-page comparison), ``trust`` (pins, roots, CRLs), ``evidence`` (佐证材料).
"""
