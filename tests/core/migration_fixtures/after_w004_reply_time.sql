-- The officials' workspace as the release with migrations w001–w004 made it, with data
-- (after_w003_checks_evidence.sql opened by that release: comments.answered_at added, '' for
-- answers received before it). Frozen: never regenerate it with newer code.
BEGIN TRANSACTION;
CREATE TABLE "_sqlite_migrations" (
   "id" INTEGER PRIMARY KEY,
   "migration_set" TEXT,
   "name" TEXT,
   "applied_at" TEXT
);
INSERT INTO "_sqlite_migrations" VALUES(1,'zjtx-workspace','w001_initial','2026-12-06 17:39:23.993278+00:00');
INSERT INTO "_sqlite_migrations" VALUES(2,'zjtx-workspace','w002_lower_reviews','2026-12-06 17:39:23.993687+00:00');
INSERT INTO "_sqlite_migrations" VALUES(3,'zjtx-workspace','w003_checks_evidence','2026-12-06 17:39:23.994167+00:00');
INSERT INTO "_sqlite_migrations" VALUES(4,'zjtx-workspace','w004_reply_time','2026-12-06 17:50:27.961367+00:00');
CREATE TABLE "applications" (
   "id" TEXT PRIMARY KEY,
   "enterprise" TEXT,
   "credit_code" TEXT,
   "programme" TEXT,
   "revision" INTEGER,
   "submission" TEXT,
   "state" TEXT,
   "verified" INTEGER,
   "received_at" TEXT,
   "rank" INTEGER,
   "paper_reset" TEXT
) STRICT;
INSERT INTO "applications" VALUES('A1','吉林省恒锐精密机床有限公司','91220101MA0Y7K2Q14','nat-xjr-2021b3',2,'pkg-2','初核中',1,'2026-12-06T17:39:24.354+00:00',1,'["nat-xjr-application-2021"]');
INSERT INTO "applications" VALUES('D5D69A8A86264A9E','长春华晟传感科技有限公司','91220102MA0Y7K2Q2M','nat-xjr-2021b3',1,'sha256:2c5b3a4d39dbf34cf24a0553e7e7f97f022a4e042e94ed9d96de44e4e9a1a124','拟推荐',0,'2026-12-06T17:39:24.367+00:00',2,'[]');
CREATE TABLE "archive" (
   "sha256" TEXT PRIMARY KEY,
   "name" TEXT,
   "size" INTEGER,
   "bytes" BLOB
) STRICT;
INSERT INTO "archive" VALUES('148de9c5a7a44d19e56cd9ae1a554bf67847afb0c58f6e12fa29ac7ddfca9940','p.zjtx',1,X'70');
INSERT INTO "archive" VALUES('3946ca64ff78d93ca61090a437cbb6b3d2ca0d488f5f9ccf3059608368b27693','p2.zjtx',2,X'7032');
INSERT INTO "archive" VALUES('cf3885ff834033787254fe2803171841de8bcff30c29dda3b3a4cbc5dec9dcef','E02.json',5323,X'7B0A2022666F726D223A20226E61742D786A722D6170706C69636174696F6E2D32303231222C0A202276616C756573223A207B0A202022656E74657270726973655F6E616D65223A2022E995BFE698A5E58D8EE6999FE4BCA0E6849FE7A791E68A80E69C89E99990E585ACE58FB8222C0A20202270726F76696E6365223A2022E59089E69E97E79C81222C0A20202261646472657373223A2022E59089E69E97E79C81E995BFE698A5E5B882E9AB98E696B0E58CBAE7A185E8B0B7E5A4A7E8A19733333535E58FB7222C0A202022706F7374636F6465223A2022313330303132222C0A2020226C6567616C5F726570726573656E746174697665223A2022E78E8BE5BBBAE59BBD222C0A2020226C6567616C5F7265705F70686F6E65223A2022303433312D3835353531323334222C0A2020226C6567616C5F7265705F6D6F62696C65223A20223133393034333135363738222C0A202022636F6E746163745F6E616D65223A2022E69D8EE69993E6A285222C0A202022636F6E746163745F70686F6E65223A2022303433312D3835353531323335222C0A202022636F6E746163745F6D6F62696C65223A20223133363034333139383736222C0A202022666178223A2022303433312D3835353531323336222C0A202022656D61696C223A20226F66666963654068656E677275692D6A632E6578616D706C652E636E222C0A202022726567697374726174696F6E5F64617465223A2022323031322D30352D3138222C0A202022726567697374657265645F6361706974616C223A202237353030222C0A2020226372656469745F636F6465223A202239313232303130324D413059374B3251324D222C0A2020227363616C655F6465636C61726564223A2022E4B8ADE59E8B222C0A202022696E6475737472795F636F646532223A2022333420E9809AE794A8E8AEBEE5A487E588B6E980A0E4B89A222C0A2020226E696368655F636F646534223A20223334323120E98791E5B19EE58887E5898AE69CBAE5BA8AE588B6E980A0222C0A202022656D706C6F79656573223A2022333230222C0A20202272645F7374616666223A20223836222C0A2020226F776E6572736869705F74797065223A2022E6B091E890A5222C0A2020226C697374696E675F737461747573223A2022E69C89E4B88AE5B882E8AEA1E58892222C0A2020226C697374696E675F7374616765223A2022E5B7B2E5AE8CE68890E4B88AE5B882E5898DE882A1E694B9222C0A2020226C697374696E675F76656E7565223A2022E4B88AE4BAA4E68980E7A791E5889BE69DBF222C0A2020226F7065726174696E675F726576656E75652E7931223A20223335323530222C0A2020226F7065726174696E675F726576656E75652E7932223A20223430323030222C0A2020226D61696E5F627573696E6573735F726576656E75652E7931223A20223332383530222C0A2020226D61696E5F627573696E6573735F726576656E75652E7932223A20223337363530222C0A2020226D62725F67726F7774682E7931223A202231302E3631222C0A2020226D62725F67726F7774682E7932223A202231342E3631222C0A2020226E65745F70726F6669742E7931223A202233353235222C0A2020226E65745F70726F6669742E7932223A202234333230222C0A2020226E705F67726F7774682E7931223A202231342E3633222C0A2020226E705F67726F7774682E7932223A202232322E3535222C0A202022746F74616C5F6173736574732E7931223A20223436383030222C0A202022746F74616C5F6173736574732E7932223A20223531393030222C0A202022646562745F726174696F2E7931223A202234312E3939222C0A202022646562745F726174696F2E7932223A202234312E3034222C0A20202274617865735F706169642E7931223A202232313735222C0A20202274617865735F706169642E7932223A202232353230222C0A2020226571756974795F66696E616E63696E67223A2022E698AF222C0A2020226571756974795F66696E616E63696E675F616D6F756E74223A202236303030222C0A2020226D61696E5F70726F647563745F6E616D65223A2022E4BA94E8BDB4E88194E58AA8E695B0E68EA7E58AA0E5B7A5E4B8ADE5BF83EFBC88E59E8BE58FB73032EFBC89222C0A20202279656172735F696E5F6E69636865223A202239222C0A2020226D61696E5F70726F647563745F63617465676F7279223A20223334323130313030303020E58AA0E5B7A5E4B8ADE5BF83222C0A2020226C656164696E675F656E7465727072697365732E31223A2022E58C97E696B9E9878DE59E8BE695B0E68EA7E69CBAE5BA8AE99B86E59BA2E69C89E99990E585ACE58FB8222C0A2020226C656164696E675F656E7465727072697365732E32223A2022E58D8EE4B89CE7B2BEE5AF86E69CBAE5BA8AE882A1E4BBBDE69C89E99990E585ACE58FB8222C0A2020226C656164696E675F656E7465727072697365732E33223A2022E6B19FE58D97E695B0E68EA7E8A385E5A487E882A1E4BBBDE69C89E99990E585ACE58FB8222C0A202022666F75725F62617365223A2022E590A6222C0A20202273686F7274626F617264223A2022E698AF222C0A20202273686F7274626F6172645F70726F64756374223A2022E4BA94E8BDB4E88194E58AA8E695B0E68EA7E58AA0E5B7A5E4B8ADE5BF83222C0A2020226761705F6669656C64223A2022E9AB98E6A1A3E695B0E68EA7E69CBAE5BA8AE4BA94E8BDB4E88194E58AA8E7B2BEE5AF86E8BDACE58FB0E58F8AE783ADE8AFAFE5B7AEE8A1A5E581BF222C0A202022696D706F72745F73756273746974757465223A2022E8BF9BE58FA3E5908CE8A784E6A0BCE4BA94E8BDB4E88194E58AA8E695B0E68EA7E58AA0E5B7A5E4B8ADE5BF83222C0A20202273686F7274626F6172645F6E6F7465223A2022E9A696E5889BE79BB4E9A9B1E4BA94E8BDB4E8BDACE58FB0E783ADE8AFAFE5B7AEE5AE9EE697B6E8A1A5E581BFE68A80E69CAFEFBC8CE7B2BEE5BAA6E6BC82E7A7BBE4B88DE8B685E8BF8735E5BEAEE7B1B3222C0A2020226F656D5F737570706C696572223A2022E698AF222C0A2020226F656D5F637573746F6D6572732E31223A2022E68192E9809AE6B1BDE8BDA6E99B86E59BA2E69C89E99990E585ACE58FB8222C0A2020226F656D5F637573746F6D6572732E32223A2022E58C97E8BEB0E8BDA8E98193E4BAA4E9809AE8A385E5A487E69C89E99990E585ACE58FB8222C0A2020226F656D5F637573746F6D6572732E33223A2022E8BF9CE888AAE888AAE7A9BAE7BB93E69E84E4BBB6E588B6E980A0E69C89E99990E585ACE58FB8222C0A2020226D61726B65745F73686172652E7931223A2022382E35222C0A2020226D61726B65745F73686172652E7932223A2022392E32222C0A20202270726F76696E63655F72616E6B2E7931223A202231222C0A20202270726F76696E63655F72616E6B2E7932223A202231222C0A2020226D705F73686172652E7931223A202237312E35222C0A2020226D705F73686172652E7932223A202237332E32222C0A2020226578706F72745F7573642E7931223A2022333230222C0A2020226578706F72745F7573642E7932223A2022343130222C0A202022746563685F63656E746572223A205B0A20202022E79C81E7BAA7220A20205D2C0A202022746563685F63656E7465725F70726F76696E6369616C223A202231222C0A20202261636164656D696369616E5F73746174696F6E223A2022E697A0222C0A202022706F7374646F635F73746174696F6E223A2022E697A0222C0A202022706172746E65725F696E737469747574696F6E732E31223A2022E995BFE799BDE5B1B1E79086E5B7A5E5A4A7E5ADA6222C0A20202272657365617263685F726573756C7473223A2022E4BA94E8BDB4E7B2BEE5AF86E8BDACE58FB0E4B88EE783ADE8AFAFE5B7AEE8A1A5E581BFE68A80E69CAFE5B7B2E59CA8E4B8BBE5AFBCE4BAA7E59381E4B88AE5AE9EE78EB0E4BAA7E4B89AE58C96E5BA94E794A8222C0A20202272645F657870656E73652E7931223A202231393335222C0A20202272645F657870656E73652E7932223A202232333430222C0A20202272645F726174696F2E7931223A2022352E3439222C0A20202272645F726174696F2E7932223A2022352E3832222C0A20202272645F73746166665F726174696F2E7931223A202232352E38222C0A20202272645F73746166665F726174696F2E7932223A202232362E3838222C0A202022706174656E74735F76616C69645F746F74616C223A20223438222C0A202022696E76656E74696F6E5F706174656E7473223A20223132222C0A2020227574696C6974795F6D6F64656C5F706174656E7473223A20223331222C0A20202264657369676E5F706174656E7473223A202235222C0A202022736F6674776172655F636F7079726967687473223A202239222C0A2020227374645F696E746C5F6C656164223A202230222C0A2020227374645F696E746C5F6A6F696E223A202230222C0A2020227374645F6E61745F6C656164223A202231222C0A2020227374645F6E61745F6A6F696E223A202233222C0A2020227374645F6E61745F6E616D6573223A2022E4B8BBE68C81EFBC9AE3808AE4BA94E8BDB4E88194E58AA8E695B0E68EA7E58AA0E5B7A5E4B8ADE5BF8320E7B2BEE5BAA6E4BF9DE68C81E680A7E8AF95E9AA8CE696B9E6B395E3808BEFBC88E59BBDE5AEB6E6A087E58786EFBC89EFBC9BE58F82E4B88EEFBC9AE3808AE695B0E68EA7E69CBAE5BA8A20E783ADE8AFAFE5B7AEE8A1A5E581BF20E9809AE794A8E68A80E69CAFE69DA1E4BBB6E3808BE38081E3808AE695B0E68EA7E8BDACE58FB020E68A80E69CAFE69DA1E4BBB6E3808BE38081E3808AE58AA0E5B7A5E4B8ADE5BF8320E58FAFE99DA0E680A7E8AF84E5AE9AE696B9E6B395E3808BEFBC88E8A18CE4B89AE6A087E58786EFBC89222C0A202022636C6F75645F6D6967726174696F6E223A2022E698AF222C0A202022696E7465726E65745F70696C6F74223A2022E590A6222C0A202022636F72655F69745F73797374656D73223A205B0A20202022E7A094E58F91E8AEBEE8AEA1434158222C0A20202022E7949FE4BAA7E588B6E980A043414D222C0A20202022E7BB8FE890A5E7AEA1E790864552502F4F41222C0A20202022E4BE9BE5BA94E993BEE7AEA1E7908653524D220A20205D2C0A2020227469746C6573223A205B0A20202022E9AB98E696B0E68A80E69CAFE4BC81E4B89A222C0A20202022E68A80E69CAFE5889BE696B0E7A4BAE88C83E4BC81E4B89AEFBC88E79C81E7BAA7EFBC89220A20205D2C0A2020226E6174696F6E616C5F7363695F70726F6A656374223A2022E590A6222C0A2020226E6174696F6E616C5F696E6E6F766174696F6E5F70726F6A656374223A2022E590A6222C0A20202270726F647563745F7374616E646172645F6C6576656C73223A205B0A20202022E59BBDE5AEB6E6A087E58786220A20205D2C0A2020227374616E646172645F66756C6C5F6E616D65223A202247422F54203138343030E3808AE58AA0E5B7A5E4B8ADE5BF8320E6A380E9AA8CE69DA1E4BBB6E3808BE7B3BBE58897E6A087E58786222C0A202022646576656C6F7065645F636F756E7472795F6365727473223A205B0A202020224753220A20205D2C0A2020226D676D745F6365727473223A205B0A2020202249534F39303030E8B4A8E9878FE7AEA1E79086E4BD93E7B3BBE8AEA4E8AF81222C0A2020202249534F3134303030E78EAFE5A283E7AEA1E79086E4BD93E7B3BBE8AEA4E8AF81220A20205D2C0A202022636F6D70616E795F696E74726F223A2022E4B880E38081E585ACE58FB8E68890E7AB8BE4BA8E32303132E5B9B4EFBC8CE4B893E6B3A8E98791E5B19EE58887E5898AE69CBAE5BA8AE588B6E980A0E7BB86E58886E9A286E59F9FEFBC8CE4BB8EE4BA8BE4BA94E8BDB4E88194E58AA8E695B0E68EA7E58AA0E5B7A5E4B8ADE5BF83E7A094E58F91E588B6E980A039E5B9B4EFBC8CE4B8BBE5AFBCE4BAA7E59381E59BBDE58685E5B882E59CBAE58DA0E69C89E78E87392E3225EFBC8CE5B185E585A8E79C81E7ACACE4B880EFBC9BE59D9AE68C81E2809CE4B893E6B3A8E4B8BBE4B89AE38081E7B2BEE79B8AE588B6E980A0E38081E5889BE696B0E9A9B1E58AA8E2809DE7BB8FE890A5E68898E795A5EFBC8CE8AEA1E58892E59CA8E7A791E5889BE69DBFE4B88AE5B882E380825C6EE4BA8CE38081E4B8BBE5AFBCE4BAA7E59381E5B19EE9AB98E6A1A3E695B0E68EA7E69CBAE5BA8AE585B3E994AEE9A286E59F9FE8A1A5E79FADE69DBFE4BAA7E59381EFBC8CE694BBE585B3E4BA94E8BDB4E7B2BEE5AF86E8BDACE58FB0E38081E783ADE8AFAFE5B7AEE8A1A5E581BFE7AD89E585B3E994AEE6A0B8E5BF83E68A80E69CAFEFBC8CE69BBFE4BBA3E8BF9BE58FA3E8AEBEE5A487EFBC8CE4B8BAE6B1BDE8BDA6E38081E8BDA8E98193E4BAA4E9809AE38081E888AAE7A9BAE888AAE5A4A9E9A286E59F9FE5A4A7E4BC81E4B89AE79BB4E68EA5E9858DE5A597EFBC9BE68BA5E69C89E69C89E69588E4B893E588A93438E9A1B9EFBC88E58F91E6988EE4B893E588A93132E9A1B9EFBC89E38081E8BDAFE4BBB6E89197E4BD9CE69D8339E9A1B9EFBC8CE4B8BBE68C81E588B6E5AE9AE59BBDE5AEB6E6A087E5878631E9A1B9E38081E58F82E4B88E33E9A1B9E380825C6EE4B889E38081E585ACE58FB8E4B8BAE9AB98E696B0E68A80E69CAFE4BC81E4B89AE38081E79C81E7BAA7E68A80E69CAFE5889BE696B0E7A4BAE88C83E4BC81E4B89AEFBC8CE5BBBAE69C89E79C81E7BAA7E4BC81E4B89AE68A80E69CAFE4B8ADE5BF83EFBC8CE5B9B6E4B88EE79C81E58685E9AB98E6A0A1E585B1E5BBBAE88194E59088E5AE9EE9AA8CE5AEA4E380825C6EE59B9BE38081E585ACE58FB8E4B88DE5B19EE4BA8EE5B7A5E4B89AE7A8B3E5A29EE995BFE5928CE8BDACE59E8BE58D87E7BAA7E68890E69588E6988EE698BEE5B882EFBC88E5B79EEFBC89E58685E4BC81E4B89AE38082222C0A202022746F74616C5F6C696162696C69746965732E7931223A20223139363530222C0A202022746F74616C5F6C696162696C69746965732E7932223A20223231333030222C0A2020226D61696E5F627573696E6573735F726576656E75655F7930223A20223239373030222C0A2020226E65745F70726F6669745F7930223A202233303735222C0A2020226F776E5F6272616E64223A2022E698AF222C0A20202269635F6C61796F75745F64657369676E73223A202230222C0A2020226D616A6F725F6163636964656E745F3379223A2022E590A6220A207D0A7D0A');
CREATE TABLE "audit" (
   "seq" INTEGER PRIMARY KEY,
   "at" TEXT,
   "actor" TEXT,
   "action" TEXT,
   "application_id" TEXT,
   "revision" INTEGER,
   "form_id" TEXT,
   "field_id" TEXT,
   "slot" TEXT,
   "old" TEXT,
   "new" TEXT,
   "reason" TEXT,
   "ref" TEXT,
   "prev_hash" TEXT,
   "hash" TEXT
) STRICT;
INSERT INTO "audit" VALUES(1,'2026-12-06T17:39:23.994+00:00','张三','workspace_init','',0,'','','','','{"batch": "", "created_at": "2026-12-06T17:39:23.994+00:00", "level": "市", "partner": "", "programme": "nat-xjr-2021b3", "unit": "长春市工业和信息化局"}','','','0000000000000000000000000000000000000000000000000000000000000000','cfd2968daa9761b82e593d6bae709679cc58fcbb9f595504c58070106a473450');
INSERT INTO "audit" VALUES(2,'2026-12-06T17:39:24.355+00:00','张三','import','A1',1,'','','','','p.zjtx','','pkg-1','cfd2968daa9761b82e593d6bae709679cc58fcbb9f595504c58070106a473450','82c329d34a0acc525f5c459554477ebff0ad676409dcd76ed61819b67593541b');
INSERT INTO "audit" VALUES(3,'2026-12-06T17:39:24.356+00:00','张三','state','A1',1,'','','','已接收','初核中','','','82c329d34a0acc525f5c459554477ebff0ad676409dcd76ed61819b67593541b','cc59c9cd4c1cb4f3b71642a61050cf260e65dd755a514b6f44b79a460fd2bf7a');
INSERT INTO "audit" VALUES(4,'2026-12-06T17:39:24.357+00:00','张三','comment','A1',1,'nat-xjr-application-2021','operating_revenue.y2','','','与审计报告不符','须修改','1','cc59c9cd4c1cb4f3b71642a61050cf260e65dd755a514b6f44b79a460fd2bf7a','fc98ce2ed9a0dc2a81e3e746adddc72d41612e77a2d1caf072315b65701c0500');
INSERT INTO "audit" VALUES(5,'2026-12-06T17:39:24.357+00:00','张三','comment','A1',1,'evidence','E002','','','审计报告缺页','请说明','2','fc98ce2ed9a0dc2a81e3e746adddc72d41612e77a2d1caf072315b65701c0500','ef4a37f8ec31146ed2c761fe9c45585b4aa16f6034c6563724049b327c334b93');
INSERT INTO "audit" VALUES(6,'2026-12-06T17:39:24.358+00:00','张三','comment','A1',1,'general','','','','请核对联系人电话','提示','3','ef4a37f8ec31146ed2c761fe9c45585b4aa16f6034c6563724049b327c334b93','0d1aa187ee0abcf9bd994bbe649c0f1ca895acc3b340dcdf8f743e6624020764');
INSERT INTO "audit" VALUES(7,'2026-12-06T17:39:24.358+00:00','张三','state','A1',1,'','','','初核中','已退回','','return-1','0d1aa187ee0abcf9bd994bbe649c0f1ca895acc3b340dcdf8f743e6624020764','c73df5830f6715db41e6e14cfee2d9e5998c1222c4ba72b99b6630b3f9b04fbe');
INSERT INTO "audit" VALUES(8,'2026-12-06T17:39:24.363+00:00','张三','import_revision','A1',2,'','','','1','p2.zjtx','','pkg-2','c73df5830f6715db41e6e14cfee2d9e5998c1222c4ba72b99b6630b3f9b04fbe','3d1000183236e518d26597d9854ca72cfeb92f05051b285253fec77b80c89974');
INSERT INTO "audit" VALUES(9,'2026-12-06T17:39:24.363+00:00','张三','comment_answered','A1',2,'','','','','已按审计报告更正为26900万元','','1','3d1000183236e518d26597d9854ca72cfeb92f05051b285253fec77b80c89974','e8d544493f5e8af90dcbe942381b3f9fd2315923acb8e21cb41459a9066fde86');
INSERT INTO "audit" VALUES(10,'2026-12-06T17:39:24.363+00:00','张三','comment_answered','A1',2,'','','','','已补全第3页','','2','e8d544493f5e8af90dcbe942381b3f9fd2315923acb8e21cb41459a9066fde86','784b2e886f476833df016f952958d1fdb30d291916c301d6df8a3bf86dcf4c26');
INSERT INTO "audit" VALUES(11,'2026-12-06T17:39:24.363+00:00','张三','state','A1',2,'','','','已退回','已重新提交','收到第2版','pkg-2','784b2e886f476833df016f952958d1fdb30d291916c301d6df8a3bf86dcf4c26','47f0d4c8499bb22b15fc21b84686d75c092f344b8b1b1b5ff599619ad52e6cb3');
INSERT INTO "audit" VALUES(12,'2026-12-06T17:39:24.364+00:00','张三','comment_resolved','A1',0,'evidence','','','answered','resolved','已见原件','2','47f0d4c8499bb22b15fc21b84686d75c092f344b8b1b1b5ff599619ad52e6cb3','ce4387002223cabe006306c7ba06289e8c14bd2615db31bcdf79d7aea987aba0');
INSERT INTO "audit" VALUES(13,'2026-12-06T17:39:24.367+00:00','张三','import','D5D69A8A86264A9E',1,'','','','','E02.json','DATA_UNVERIFIED','sha256:2c5b3a4d39dbf34cf24a0553e7e7f97f022a4e042e94ed9d96de44e4e9a1a124','ce4387002223cabe006306c7ba06289e8c14bd2615db31bcdf79d7aea987aba0','5a16e15906d9e091faed1de0817a40a8aaa022dfd229b903e34690e6ecdcd837');
INSERT INTO "audit" VALUES(14,'2026-12-06T17:39:24.368+00:00','张三','state','D5D69A8A86264A9E',1,'','','','已接收','初核中','','','5a16e15906d9e091faed1de0817a40a8aaa022dfd229b903e34690e6ecdcd837','99cdac47fa1765d70cf54859f50eae1a436da03b243d333f824db6455300429d');
INSERT INTO "audit" VALUES(15,'2026-12-06T17:39:24.368+00:00','张三','part6','D5D69A8A86264A9E',1,'nat-xjr-application-2021','class_indicator','','','a','','','99cdac47fa1765d70cf54859f50eae1a436da03b243d333f824db6455300429d','ec858f35b42ac8acb7c61ea4bd97d8c320167a3e35d355745a239fe3e06bc2e3');
INSERT INTO "audit" VALUES(16,'2026-12-06T17:39:24.370+00:00','张三','part6','D5D69A8A86264A9E',1,'nat-xjr-application-2021','mandatory_indicators','','','["1", "3", "4", "5", "6"]','','','ec858f35b42ac8acb7c61ea4bd97d8c320167a3e35d355745a239fe3e06bc2e3','3878c8ec1bf4562d1aeb4f4b604585af1ebf67cf6cb8a6024f4c1bf99abb50e0');
INSERT INTO "audit" VALUES(17,'2026-12-06T17:39:24.372+00:00','张三','part6','D5D69A8A86264A9E',1,'nat-xjr-application-2021','review_class','','','a','','','3878c8ec1bf4562d1aeb4f4b604585af1ebf67cf6cb8a6024f4c1bf99abb50e0','e78cf41272fd712f6938ddfb704a8237e7edae88fc9fdd1fdc3a8ec1547e4569');
INSERT INTO "audit" VALUES(18,'2026-12-06T17:39:24.373+00:00','张三','part6','D5D69A8A86264A9E',1,'nat-xjr-application-2021','review_mandatory_count','','','5','','','e78cf41272fd712f6938ddfb704a8237e7edae88fc9fdd1fdc3a8ec1547e4569','a7568c3388f886984eef761a8b2cd33e723cd53924f011a986de9fa831a8f965');
INSERT INTO "audit" VALUES(19,'2026-12-06T17:39:24.375+00:00','张三','part6','D5D69A8A86264A9E',1,'nat-xjr-application-2021','review_opinion','','','同意','','','a7568c3388f886984eef761a8b2cd33e723cd53924f011a986de9fa831a8f965','38694637fdfe6b10fd317d0ad7e975c186b94bb4be41fb432e127d2e2f9cdff8');
INSERT INTO "audit" VALUES(20,'2026-12-06T17:39:24.378+00:00','张三','state','D5D69A8A86264A9E',1,'','','','初核中','拟推荐','','','38694637fdfe6b10fd317d0ad7e975c186b94bb4be41fb432e127d2e2f9cdff8','b615ff0be31e20cf53247e60a0f9d6bf8258bf01afc95182b2e013e36436e3c6');
INSERT INTO "audit" VALUES(21,'2026-12-06T17:39:24.379+00:00','张三','state','A1',2,'','','','已重新提交','初核中','','','b615ff0be31e20cf53247e60a0f9d6bf8258bf01afc95182b2e013e36436e3c6','28df84bb0d2b0baf12e3482d07db92d610e117e579f6031db64c5ff8fd33a517');
INSERT INTO "audit" VALUES(22,'2026-12-06T17:39:24.379+00:00','张三','verification','A1',2,'','市税务局','','','2020年纳税额1650万元，与申报一致','2021-05-06','','28df84bb0d2b0baf12e3482d07db92d610e117e579f6031db64c5ff8fd33a517','732a1250d5a0644651cab67587712df6a95d80facb61d7d54faac4732aeaa736');
CREATE TABLE "comments" (
   "id" INTEGER PRIMARY KEY,
   "application_id" TEXT,
   "revision" INTEGER,
   "form_id" TEXT,
   "field_id" TEXT,
   "slot" TEXT,
   "file" TEXT,
   "severity" TEXT,
   "text" TEXT,
   "author" TEXT,
   "created_at" TEXT,
   "status" TEXT,
   "supersedes" INTEGER,
   "reply" TEXT,
   "resolved_note" TEXT,
   "resolved_at" TEXT
, "answered_at" TEXT NOT NULL DEFAULT '') STRICT;
INSERT INTO "comments" VALUES(1,'A1',1,'nat-xjr-application-2021','operating_revenue.y2','','','须修改','与审计报告不符','张三','2026-12-06T17:39:24.357+00:00','answered',NULL,'已按审计报告更正为26900万元','','','');
INSERT INTO "comments" VALUES(2,'A1',1,'evidence','','','E002','请说明','审计报告缺页','张三','2026-12-06T17:39:24.357+00:00','resolved',NULL,'已补全第3页','已见原件','2026-12-06T17:39:24.364+00:00','');
INSERT INTO "comments" VALUES(3,'A1',1,'general','','','','提示','请核对联系人电话','张三','2026-12-06T17:39:24.358+00:00','open',NULL,'','','','');
CREATE TABLE "lower_reviews" (
   "application_id" TEXT,
   "package_id" TEXT,
   "unit" TEXT,
   "level" TEXT,
   "review" TEXT,
   "received_at" TEXT,
   PRIMARY KEY ("application_id", "package_id")
) STRICT;
INSERT INTO "lower_reviews" VALUES('A1','pkg-2','朝阳区工业和信息化局','县','{"review_opinion": "同意"}','2021-05-07T09:00:00+08:00');
CREATE TABLE "officers" (
   "name" TEXT PRIMARY KEY,
   "added_at" TEXT
) STRICT;
INSERT INTO "officers" VALUES('张三','2026-12-06T17:39:23.994+00:00');
CREATE TABLE "official_cells" (
   "table_id" TEXT,
   "row_key" TEXT,
   "column" TEXT,
   "value" TEXT,
   PRIMARY KEY ("table_id", "row_key", "column")
) STRICT;
CREATE TABLE "originals" (
   "application_id" TEXT,
   "evidence" TEXT,
   "actor" TEXT,
   "at" TEXT,
   PRIMARY KEY ("application_id", "evidence")
) STRICT;
INSERT INTO "originals" VALUES('A1','E001','张三','2021-05-06T10:00:00+08:00');
CREATE TABLE "paper" (
   "id" INTEGER PRIMARY KEY,
   "application_id" TEXT,
   "form_id" TEXT,
   "revision" INTEGER,
   "digest" TEXT,
   "at" TEXT,
   "actor" TEXT
) STRICT;
CREATE TABLE "part6" (
   "application_id" TEXT,
   "field" TEXT,
   "value" TEXT,
   "updated_at" TEXT,
   "actor" TEXT,
   PRIMARY KEY ("application_id", "field")
) STRICT;
INSERT INTO "part6" VALUES('D5D69A8A86264A9E','class_indicator','"a"','2026-12-06T17:39:24.368+00:00','张三');
INSERT INTO "part6" VALUES('D5D69A8A86264A9E','mandatory_indicators','["1", "3", "4", "5", "6"]','2026-12-06T17:39:24.370+00:00','张三');
INSERT INTO "part6" VALUES('D5D69A8A86264A9E','review_class','"a"','2026-12-06T17:39:24.372+00:00','张三');
INSERT INTO "part6" VALUES('D5D69A8A86264A9E','review_mandatory_count','"5"','2026-12-06T17:39:24.373+00:00','张三');
INSERT INTO "part6" VALUES('D5D69A8A86264A9E','review_opinion','"同意"','2026-12-06T17:39:24.375+00:00','张三');
CREATE TABLE "submissions" (
   "id" TEXT PRIMARY KEY,
   "application_id" TEXT,
   "revision" INTEGER,
   "kind" TEXT,
   "files" TEXT,
   "archive" TEXT,
   "data" TEXT,
   "declarations" TEXT,
   "evidence" TEXT,
   "replies" TEXT,
   "digests" TEXT,
   "signer" TEXT,
   "flags" TEXT,
   "received_at" TEXT,
   "status" TEXT
) STRICT;
INSERT INTO "submissions" VALUES('pkg-1','A1',1,'package','["p.zjtx"]','["148de9c5a7a44d19e56cd9ae1a554bf67847afb0c58f6e12fa29ac7ddfca9940"]','{"nat-xjr-application-2021": {"academician_station": "无", "address": "吉林省长春市高新区硅谷大街3355号", "cloud_migration": "是", "company_intro": "一、公司成立于2012年，专注金属切削机床制造细分领域，从事五轴联动数控加工中心研发制造9年，主导产品国内市场占有率9.2%，居全省第一；坚持“专注主业、精益制造、创新驱动”经营战略，计划在科创板上市。\n二、主导产品属高档数控机床关键领域补短板产品，攻关五轴精密转台、热误差补偿等关键核心技术，替代进口设备，为汽车、轨道交通、航空航天领域大企业直接配套；拥有有效专利48项（发明专利12项）、软件著作权9项，主持制定国家标准1项、参与3项。\n三、公司为高新技术企业、省级技术创新示范企业，建有省级企业技术中心，并与省内高校共建联合实验室。\n四、公司不属于工业稳增长和转型升级成效明显市（州）内企业。", "contact_mobile": "13604319876", "contact_name": "李晓梅", "contact_phone": "0431-85551235", "core_it_systems": ["研发设计CAX", "生产制造CAM", "经营管理ERP/OA", "供应链管理SRM"], "credit_code": "91220101MA0Y7K2Q14", "debt_ratio.y1": "41.99", "debt_ratio.y2": "41.04", "design_patents": "5", "developed_country_certs": ["GS"], "email": "office@hengrui-jc.example.cn", "employees": "320", "enterprise_name": "吉林省恒锐精密机床有限公司", "equity_financing": "是", "equity_financing_amount": "6000", "export_usd.y1": "320", "export_usd.y2": "410", "fax": "0431-85551236", "four_base": "否", "gap_field": "高档数控机床五轴联动精密转台及热误差补偿", "ic_layout_designs": "0", "import_substitute": "进口同规格五轴联动数控加工中心", "industry_code2": "34 通用设备制造业", "internet_pilot": "否", "invention_patents": "12", "leading_enterprises.1": "北方重型数控机床集团有限公司", "leading_enterprises.2": "华东精密机床股份有限公司", "leading_enterprises.3": "江南数控装备股份有限公司", "legal_rep_mobile": "13904315678", "legal_rep_phone": "0431-85551234", "legal_representative": "王建国", "listing_stage": "已完成上市前股改", "listing_status": "有上市计划", "listing_venue": "上交所科创板", "main_business_revenue.y1": "21900", "main_business_revenue.y2": "25100", "main_business_revenue_y0": "19800", "main_product_category": "3421010000 加工中心", "main_product_name": "五轴联动数控加工中心（型号01）", "major_accident_3y": "否", "market_share.y1": "8.5", "market_share.y2": "9.2", "mbr_growth.y1": "10.61", "mbr_growth.y2": "14.61", "mgmt_certs": ["ISO9000质量管理体系认证", "ISO14000环境管理体系认证"], "mp_share.y1": "71.5", "mp_share.y2": "73.2", "national_innovation_project": "否", "national_sci_project": "否", "net_profit.y1": "2350", "net_profit.y2": "2880", "net_profit_y0": "2050", "niche_code4": "3421 金属切削机床制造", "np_growth.y1": "14.63", "np_growth.y2": "22.55", "oem_customers.1": "恒通汽车集团有限公司", "oem_customers.2": "北辰轨道交通装备有限公司", "oem_customers.3": "远航航空结构件制造有限公司", "oem_supplier": "是", "operating_revenue.y1": "23500", "operating_revenue.y2": "26800", "own_brand": "是", "ownership_type": "民营", "partner_institutions.1": "长白山理工大学", "patents_valid_total": "48", "postcode": "130012", "postdoc_station": "无", "product_standard_levels": ["国家标准"], "province": "吉林省", "province_rank.y1": "1", "province_rank.y2": "1", "rd_expense.y1": "1290", "rd_expense.y2": "1560", "rd_ratio.y1": "5.49", "rd_ratio.y2": "5.82", "rd_staff": "86", "rd_staff_ratio.y1": "25.8", "rd_staff_ratio.y2": "26.88", "registered_capital": "5000", "registration_date": "2012-05-18", "research_results": "五轴精密转台与热误差补偿技术已在主导产品上实现产业化应用", "scale_declared": "中型", "shortboard": "是", "shortboard_note": "首创直驱五轴转台热误差实时补偿技术，精度漂移不超过5微米", "shortboard_product": "五轴联动数控加工中心", "software_copyrights": "9", "standard_full_name": "GB/T 18400《加工中心 检验条件》系列标准", "std_intl_join": "0", "std_intl_lead": "0", "std_nat_join": "3", "std_nat_lead": "1", "std_nat_names": "主持：《五轴联动数控加工中心 精度保持性试验方法》（国家标准）；参与：《数控机床 热误差补偿 通用技术条件》、《数控转台 技术条件》、《加工中心 可靠性评定方法》（行业标准）", "taxes_paid.y1": "1450", "taxes_paid.y2": "1680", "tech_center": ["省级"], "tech_center_provincial": "1", "titles": ["高新技术企业", "技术创新示范企业（省级）"], "total_assets.y1": "31200", "total_assets.y2": "34600", "total_liabilities.y1": "13100", "total_liabilities.y2": "14200", "utility_model_patents": "31", "years_in_niche": "9"}}','{}','[{"path": "evidence/E001.pdf", "sha256": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "title": "营业执照复印件"}, {"path": "evidence/E002.pdf", "sha256": "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "title": "审计报告"}]','[]','{"nat-xjr-application-2021": "c875eb6daf9102a68d4dce8675f0fce246a350e2ba08898e45f4733d3b0a3f86"}','','[]','2026-12-06T17:39:24.354+00:00','archived');
INSERT INTO "submissions" VALUES('pkg-2','A1',2,'package','["p2.zjtx"]','["3946ca64ff78d93ca61090a437cbb6b3d2ca0d488f5f9ccf3059608368b27693"]','{"nat-xjr-application-2021": {"academician_station": "无", "address": "吉林省长春市高新区硅谷大街3355号", "cloud_migration": "是", "company_intro": "一、公司成立于2012年，专注金属切削机床制造细分领域，从事五轴联动数控加工中心研发制造9年，主导产品国内市场占有率9.2%，居全省第一；坚持“专注主业、精益制造、创新驱动”经营战略，计划在科创板上市。\n二、主导产品属高档数控机床关键领域补短板产品，攻关五轴精密转台、热误差补偿等关键核心技术，替代进口设备，为汽车、轨道交通、航空航天领域大企业直接配套；拥有有效专利48项（发明专利12项）、软件著作权9项，主持制定国家标准1项、参与3项。\n三、公司为高新技术企业、省级技术创新示范企业，建有省级企业技术中心，并与省内高校共建联合实验室。\n四、公司不属于工业稳增长和转型升级成效明显市（州）内企业。", "contact_mobile": "13604319876", "contact_name": "李晓梅", "contact_phone": "0431-85551235", "core_it_systems": ["研发设计CAX", "生产制造CAM", "经营管理ERP/OA", "供应链管理SRM"], "credit_code": "91220101MA0Y7K2Q14", "debt_ratio.y1": "41.99", "debt_ratio.y2": "41.04", "design_patents": "5", "developed_country_certs": ["GS"], "email": "office@hengrui-jc.example.cn", "employees": "320", "enterprise_name": "吉林省恒锐精密机床有限公司", "equity_financing": "是", "equity_financing_amount": "6000", "export_usd.y1": "320", "export_usd.y2": "410", "fax": "0431-85551236", "four_base": "否", "gap_field": "高档数控机床五轴联动精密转台及热误差补偿", "ic_layout_designs": "0", "import_substitute": "进口同规格五轴联动数控加工中心", "industry_code2": "34 通用设备制造业", "internet_pilot": "否", "invention_patents": "12", "leading_enterprises.1": "北方重型数控机床集团有限公司", "leading_enterprises.2": "华东精密机床股份有限公司", "leading_enterprises.3": "江南数控装备股份有限公司", "legal_rep_mobile": "13904315678", "legal_rep_phone": "0431-85551234", "legal_representative": "王建国", "listing_stage": "已完成上市前股改", "listing_status": "有上市计划", "listing_venue": "上交所科创板", "main_business_revenue.y1": "21900", "main_business_revenue.y2": "25100", "main_business_revenue_y0": "19800", "main_product_category": "3421010000 加工中心", "main_product_name": "五轴联动数控加工中心（型号01）", "major_accident_3y": "否", "market_share.y1": "8.5", "market_share.y2": "9.2", "mbr_growth.y1": "10.61", "mbr_growth.y2": "14.61", "mgmt_certs": ["ISO9000质量管理体系认证", "ISO14000环境管理体系认证"], "mp_share.y1": "71.5", "mp_share.y2": "73.2", "national_innovation_project": "否", "national_sci_project": "否", "net_profit.y1": "2350", "net_profit.y2": "2880", "net_profit_y0": "2050", "niche_code4": "3421 金属切削机床制造", "np_growth.y1": "14.63", "np_growth.y2": "22.55", "oem_customers.1": "恒通汽车集团有限公司", "oem_customers.2": "北辰轨道交通装备有限公司", "oem_customers.3": "远航航空结构件制造有限公司", "oem_supplier": "是", "operating_revenue.y1": "23500", "operating_revenue.y2": "26900", "own_brand": "是", "ownership_type": "民营", "partner_institutions.1": "长白山理工大学", "patents_valid_total": "48", "postcode": "130012", "postdoc_station": "无", "product_standard_levels": ["国家标准"], "province": "吉林省", "province_rank.y1": "1", "province_rank.y2": "1", "rd_expense.y1": "1290", "rd_expense.y2": "1560", "rd_ratio.y1": "5.49", "rd_ratio.y2": "5.82", "rd_staff": "86", "rd_staff_ratio.y1": "25.8", "rd_staff_ratio.y2": "26.88", "registered_capital": "5000", "registration_date": "2012-05-18", "research_results": "五轴精密转台与热误差补偿技术已在主导产品上实现产业化应用", "scale_declared": "中型", "shortboard": "是", "shortboard_note": "首创直驱五轴转台热误差实时补偿技术，精度漂移不超过5微米", "shortboard_product": "五轴联动数控加工中心", "software_copyrights": "9", "standard_full_name": "GB/T 18400《加工中心 检验条件》系列标准", "std_intl_join": "0", "std_intl_lead": "0", "std_nat_join": "3", "std_nat_lead": "1", "std_nat_names": "主持：《五轴联动数控加工中心 精度保持性试验方法》（国家标准）；参与：《数控机床 热误差补偿 通用技术条件》、《数控转台 技术条件》、《加工中心 可靠性评定方法》（行业标准）", "taxes_paid.y1": "1450", "taxes_paid.y2": "1680", "tech_center": ["省级"], "tech_center_provincial": "1", "titles": ["高新技术企业", "技术创新示范企业（省级）"], "total_assets.y1": "31200", "total_assets.y2": "34600", "total_liabilities.y1": "13100", "total_liabilities.y2": "14200", "utility_model_patents": "31", "years_in_niche": "9"}}','{}','[{"path": "evidence/E001.pdf", "sha256": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "title": "营业执照复印件"}]','[{"comment_id": 1, "text": "已按审计报告更正为26900万元"}, {"comment_id": 2, "text": "已补全第3页"}]','{"nat-xjr-application-2021": "d357cba7a714a2c36908dea2a54b882ce5d29b326a629f1b55379f4badec0896"}','','[]','2026-12-06T17:39:24.363+00:00','current');
INSERT INTO "submissions" VALUES('sha256:2c5b3a4d39dbf34cf24a0553e7e7f97f022a4e042e94ed9d96de44e4e9a1a124','D5D69A8A86264A9E',1,'datafile','["E02.json"]','["cf3885ff834033787254fe2803171841de8bcff30c29dda3b3a4cbc5dec9dcef"]','{"nat-xjr-application-2021": {"academician_station": "无", "address": "吉林省长春市高新区硅谷大街3355号", "cloud_migration": "是", "company_intro": "一、公司成立于2012年，专注金属切削机床制造细分领域，从事五轴联动数控加工中心研发制造9年，主导产品国内市场占有率9.2%，居全省第一；坚持“专注主业、精益制造、创新驱动”经营战略，计划在科创板上市。\n二、主导产品属高档数控机床关键领域补短板产品，攻关五轴精密转台、热误差补偿等关键核心技术，替代进口设备，为汽车、轨道交通、航空航天领域大企业直接配套；拥有有效专利48项（发明专利12项）、软件著作权9项，主持制定国家标准1项、参与3项。\n三、公司为高新技术企业、省级技术创新示范企业，建有省级企业技术中心，并与省内高校共建联合实验室。\n四、公司不属于工业稳增长和转型升级成效明显市（州）内企业。", "contact_mobile": "13604319876", "contact_name": "李晓梅", "contact_phone": "0431-85551235", "core_it_systems": ["研发设计CAX", "生产制造CAM", "经营管理ERP/OA", "供应链管理SRM"], "credit_code": "91220102MA0Y7K2Q2M", "debt_ratio.y1": "41.99", "debt_ratio.y2": "41.04", "design_patents": "5", "developed_country_certs": ["GS"], "email": "office@hengrui-jc.example.cn", "employees": "320", "enterprise_name": "长春华晟传感科技有限公司", "equity_financing": "是", "equity_financing_amount": "6000", "export_usd.y1": "320", "export_usd.y2": "410", "fax": "0431-85551236", "four_base": "否", "gap_field": "高档数控机床五轴联动精密转台及热误差补偿", "ic_layout_designs": "0", "import_substitute": "进口同规格五轴联动数控加工中心", "industry_code2": "34 通用设备制造业", "internet_pilot": "否", "invention_patents": "12", "leading_enterprises.1": "北方重型数控机床集团有限公司", "leading_enterprises.2": "华东精密机床股份有限公司", "leading_enterprises.3": "江南数控装备股份有限公司", "legal_rep_mobile": "13904315678", "legal_rep_phone": "0431-85551234", "legal_representative": "王建国", "listing_stage": "已完成上市前股改", "listing_status": "有上市计划", "listing_venue": "上交所科创板", "main_business_revenue.y1": "32850", "main_business_revenue.y2": "37650", "main_business_revenue_y0": "29700", "main_product_category": "3421010000 加工中心", "main_product_name": "五轴联动数控加工中心（型号02）", "major_accident_3y": "否", "market_share.y1": "8.5", "market_share.y2": "9.2", "mbr_growth.y1": "10.61", "mbr_growth.y2": "14.61", "mgmt_certs": ["ISO9000质量管理体系认证", "ISO14000环境管理体系认证"], "mp_share.y1": "71.5", "mp_share.y2": "73.2", "national_innovation_project": "否", "national_sci_project": "否", "net_profit.y1": "3525", "net_profit.y2": "4320", "net_profit_y0": "3075", "niche_code4": "3421 金属切削机床制造", "np_growth.y1": "14.63", "np_growth.y2": "22.55", "oem_customers.1": "恒通汽车集团有限公司", "oem_customers.2": "北辰轨道交通装备有限公司", "oem_customers.3": "远航航空结构件制造有限公司", "oem_supplier": "是", "operating_revenue.y1": "35250", "operating_revenue.y2": "40200", "own_brand": "是", "ownership_type": "民营", "partner_institutions.1": "长白山理工大学", "patents_valid_total": "48", "postcode": "130012", "postdoc_station": "无", "product_standard_levels": ["国家标准"], "province": "吉林省", "province_rank.y1": "1", "province_rank.y2": "1", "rd_expense.y1": "1935", "rd_expense.y2": "2340", "rd_ratio.y1": "5.49", "rd_ratio.y2": "5.82", "rd_staff": "86", "rd_staff_ratio.y1": "25.8", "rd_staff_ratio.y2": "26.88", "registered_capital": "7500", "registration_date": "2012-05-18", "research_results": "五轴精密转台与热误差补偿技术已在主导产品上实现产业化应用", "scale_declared": "中型", "shortboard": "是", "shortboard_note": "首创直驱五轴转台热误差实时补偿技术，精度漂移不超过5微米", "shortboard_product": "五轴联动数控加工中心", "software_copyrights": "9", "standard_full_name": "GB/T 18400《加工中心 检验条件》系列标准", "std_intl_join": "0", "std_intl_lead": "0", "std_nat_join": "3", "std_nat_lead": "1", "std_nat_names": "主持：《五轴联动数控加工中心 精度保持性试验方法》（国家标准）；参与：《数控机床 热误差补偿 通用技术条件》、《数控转台 技术条件》、《加工中心 可靠性评定方法》（行业标准）", "taxes_paid.y1": "2175", "taxes_paid.y2": "2520", "tech_center": ["省级"], "tech_center_provincial": "1", "titles": ["高新技术企业", "技术创新示范企业（省级）"], "total_assets.y1": "46800", "total_assets.y2": "51900", "total_liabilities.y1": "19650", "total_liabilities.y2": "21300", "utility_model_patents": "31", "years_in_niche": "9"}}','{}','[]','[]','{"nat-xjr-application-2021": "f8273ae5d29184e5fabb0e2bd0716fe809e534f9b21ad45ca792eedc655cbf74"}','','["DATA_UNVERIFIED"]','2026-12-06T17:39:24.367+00:00','current');
CREATE TABLE "summaries" (
   "id" INTEGER PRIMARY KEY,
   "table_id" TEXT,
   "version" INTEGER,
   "sha256" TEXT,
   "rows" TEXT,
   "revisions" TEXT,
   "created_at" TEXT,
   "superseded_by" INTEGER
) STRICT;
CREATE TABLE "verdicts" (
   "application_id" TEXT,
   "revision" INTEGER,
   "rules" TEXT,
   "row" TEXT,
   PRIMARY KEY ("application_id", "revision", "rules")
) STRICT;
INSERT INTO "verdicts" VALUES('A1',1,'nat-xjr-2021b3-initial@1+nat-xjr-2021b3-full@1','{"band": "1亿元及以上", "class": "a", "criteria": {"INIT-A": "met", "INIT-B": "not_met", "INIT-C": "not_met", "INIT-M1": "met", "INIT-M2": "unknown", "INIT-M3": "met", "INIT-M4": "met", "INIT-M5": "met", "INIT-M6": "met"}, "declared_champion": false, "exclusions": {"X1": "?", "X2": "✓", "X3": "?", "X4": "?"}, "mandatory": {"M1": "✓", "M2": "?", "M3": "✓", "M4": "✓", "M5": "✓", "M6": "✓"}, "mandatory_met": 5, "revenue": "26800", "special_gaps": []}');
INSERT INTO "verdicts" VALUES('A1',2,'nat-xjr-2021b3-initial@1+nat-xjr-2021b3-full@1','{"band": "1亿元及以上", "class": "a", "criteria": {"INIT-A": "met", "INIT-B": "not_met", "INIT-C": "not_met", "INIT-M1": "met", "INIT-M2": "unknown", "INIT-M3": "met", "INIT-M4": "met", "INIT-M5": "met", "INIT-M6": "met"}, "declared_champion": false, "exclusions": {"X1": "?", "X2": "✓", "X3": "?", "X4": "?"}, "mandatory": {"M1": "✓", "M2": "?", "M3": "✓", "M4": "✓", "M5": "✓", "M6": "✓"}, "mandatory_met": 5, "revenue": "26900", "special_gaps": []}');
INSERT INTO "verdicts" VALUES('D5D69A8A86264A9E',1,'nat-xjr-2021b3-initial@1+nat-xjr-2021b3-full@1','{"band": "1亿元及以上", "class": "a", "criteria": {"INIT-A": "met", "INIT-B": "not_met", "INIT-C": "not_met", "INIT-M1": "met", "INIT-M2": "unknown", "INIT-M3": "met", "INIT-M4": "met", "INIT-M5": "met", "INIT-M6": "met"}, "declared_champion": false, "exclusions": {"X1": "?", "X2": "✓", "X3": "?", "X4": "?"}, "mandatory": {"M1": "✓", "M2": "?", "M3": "✓", "M4": "✓", "M5": "✓", "M6": "✓"}, "mandatory_met": 5, "revenue": "40200", "special_gaps": []}');
CREATE TABLE "verifications" (
   "id" INTEGER PRIMARY KEY,
   "application_id" TEXT,
   "channel" TEXT,
   "date" TEXT,
   "conclusion" TEXT,
   "attachment" TEXT,
   "actor" TEXT,
   "at" TEXT
) STRICT;
INSERT INTO "verifications" VALUES(1,'A1','市税务局','2021-05-06','2020年纳税额1650万元，与申报一致','','张三','2026-12-06T17:39:24.378+00:00');
CREATE TABLE "workspace_meta" (
   "key" TEXT PRIMARY KEY,
   "value" TEXT
) STRICT;
INSERT INTO "workspace_meta" VALUES('unit','长春市工业和信息化局');
INSERT INTO "workspace_meta" VALUES('level','市');
INSERT INTO "workspace_meta" VALUES('programme','nat-xjr-2021b3');
INSERT INTO "workspace_meta" VALUES('batch','');
INSERT INTO "workspace_meta" VALUES('partner','');
INSERT INTO "workspace_meta" VALUES('created_at','2026-12-06T17:39:23.994+00:00');
CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name"
    ON "_sqlite_migrations" ("migration_set", "name");
CREATE INDEX "idx_submissions_application_id_revision"
    ON "submissions" ("application_id", "revision");
COMMIT;
