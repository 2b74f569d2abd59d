"""HARDWARE extractor: hand-written news sentences, one or more hardware models each.

Each positive case lists every HARDWARE entity expected in the sentence, in text
order, as (normal, vendor, category). Negative cases hold model-like codes that
are not hardware.
"""

from __future__ import annotations

import pytest

from newsfacts.extractors.hardware import HardwareExtractor

NV, GPU = "NVIDIA", "GPU"

POSITIVE: list[tuple[str, list[tuple[str, str, str]]]] = [
    # ---- NVIDIA data centre ----
    ("Стартап закупил 20 тысяч ускорителей H100 для нового кластера.", [("NVIDIA H100", NV, GPU)]),
    ("Графические процессоры NVIDIA A100 остаются основой многих дата-центров.", [("NVIDIA A100", NV, GPU)]),
    ("Для Китая выпустили урезанные ускорители A800 и H800.", [("NVIDIA A800", NV, GPU), ("NVIDIA H800", NV, GPU)]),
    ("Поставки H20 в Китай снова ограничены, сообщили в Nvidia.", [("NVIDIA H20", NV, GPU)]),
    ("Новые серверы получат чипы H200 со 141 ГБ памяти HBM3e.", [("NVIDIA H200", NV, GPU)]),
    (
        "Суперчип Grace Hopper GH200 объединяет процессор и графический ускоритель.",
        [("NVIDIA GH200", NV, "accelerator")],
    ),
    ("Платформа Blackwell B200 обещает вчетверо более быстрое обучение моделей.", [("NVIDIA B200", NV, GPU)]),
    ("Стойка GB200 NVL72 содержит 72 графических процессора.", [("NVIDIA GB200 NVL72", NV, "accelerator")]),
    ("Microsoft первой получила серверы на GB300.", [("NVIDIA GB300", NV, "accelerator")]),
    ("В облаке появились инстансы с ускорителями L4 и L40S.", [("NVIDIA L4", NV, GPU), ("NVIDIA L40S", NV, GPU)]),
    ("Старые Tesla V100 до сих пор трудятся в университетских кластерах.", [("NVIDIA V100", NV, GPU)]),
    ("Кластер из Hopper H100 80GB арендуют почасово.", [("NVIDIA H100", NV, GPU)]),
    ("Ускорители Н100 стоят около 30 тысяч долларов.", [("NVIDIA H100", NV, GPU)]),  # Cyrillic Н
    ("Вариант H100 NVL рассчитан на языковые модели.", [("NVIDIA H100 NVL", NV, GPU)]),
    ("Компания выпустила ускоритель B100 с пониженным энергопотреблением.", [("NVIDIA B100", NV, GPU)]),
    ("Кристалл GH100 содержит 80 млрд транзисторов.", [("NVIDIA GH100", NV, GPU)]),
    ("Каждая система DGX H100 содержит восемь GPU.", [("NVIDIA DGX H100", NV, "server")]),
    ("Компания представила персональный суперкомпьютер DGX Spark.", [("NVIDIA DGX Spark", NV, "server")]),
    ("Робототехники используют модули Jetson Orin Nano.", [("NVIDIA Jetson Orin Nano", NV, "module")]),
    ("Meta будет покупать центральные процессоры Grace отдельно.", [("NVIDIA Grace", NV, "CPU")]),
    # ---- NVIDIA GeForce / workstation ----
    ("Игроки ждут видеокарту GeForce RTX 5090 уже в январе.", [("NVIDIA GeForce RTX 5090", NV, GPU)]),
    ("Видеокартой GeForce RTX 4090 Ti компания так и не обзавелась.", [("NVIDIA GeForce RTX 4090 Ti", NV, GPU)]),
    ("Старенькая GTX 1080 Ti по-прежнему популярна у геймеров.", [("NVIDIA GeForce GTX 1080 Ti", NV, GPU)]),
    (
        "NVIDIA показала RTX 4070 Super и RTX 4080 Super.",
        [("NVIDIA GeForce RTX 4070 Super", NV, GPU), ("NVIDIA GeForce RTX 4080 Super", NV, GPU)],
    ),
    (
        "Обзор видеокарт RTX 4080 и 4090 опубликован.",
        [("NVIDIA GeForce RTX 4080", NV, GPU), ("NVIDIA GeForce RTX 4090", NV, GPU)],
    ),
    ("Рабочая станция оснащена картой RTX 6000 Ada.", [("NVIDIA RTX 6000 Ada", NV, GPU)]),
    # ---- AMD ----
    ("AMD Instinct MI300X получил 192 ГБ памяти.", [("AMD Instinct MI300X", "AMD", GPU)]),
    ("Ускорители MI325X начнут поставлять в четвертом квартале.", [("AMD Instinct MI325X", "AMD", GPU)]),
    ("Видеокарта Radeon RX 7900 XTX подешевела на 10%.", [("AMD Radeon RX 7900 XTX", "AMD", GPU)]),
    ("Новая видеокарта RX 9070 XT обошла конкурента.", [("AMD Radeon RX 9070 XT", "AMD", GPU)]),
    ("Процессор Ryzen 9 7950X3D лидирует в играх.", [("AMD Ryzen 9 7950X3D", "AMD", "CPU")]),
    ("Ноутбуки на Ryzen AI 9 HX 370 появятся летом.", [("AMD Ryzen AI 9 HX 370", "AMD", "CPU")]),
    ("Сборку построили на процессоре Райзен 7 5800X.", [("AMD Ryzen 7 5800X", "AMD", "CPU")]),
    ("Для рабочих станций вышел Threadripper PRO 7995WX.", [("AMD Threadripper PRO 7995WX", "AMD", "CPU")]),
    ("Серверы на базе EPYC 9654 заняли первые места.", [("AMD EPYC 9654", "AMD", "CPU")]),
    ("Процессоры AMD EPYC Turin получат до 192 ядер.", [("AMD EPYC Turin", "AMD", "CPU")]),
    # ---- Intel ----
    ("Флагманский Core i9-14900K разгоняется до 6 ГГц.", [("Intel Core i9-14900K", "Intel", "CPU")]),
    ("Ноутбук получил процессор Intel Core Ultra 7 155H.", [("Intel Core Ultra 7 155H", "Intel", "CPU")]),
    ("В серверах используются Xeon Platinum 8480+.", [("Intel Xeon Platinum 8480+", "Intel", "CPU")]),
    ("Процессоры Xeon Sapphire Rapids вышли с опозданием.", [("Intel Xeon Sapphire Rapids", "Intel", "CPU")]),
    ("Ускорители Gaudi 3 дешевле конкурентов.", [("Intel Gaudi 3", "Intel", "accelerator")]),
    ("Кластер собран на Habana Gaudi2.", [("Intel Gaudi 2", "Intel", "accelerator")]),
    ("Видеокарта Intel Arc B580 стоит 249 долларов.", [("Intel Arc B580", "Intel", GPU)]),
    # ---- Apple ----
    ("Чип M3 Max получил до 16 ядер CPU.", [("Apple M3 Max", "Apple", "SoC")]),
    ("Apple M4 стал быстрее предшественника на 50%.", [("Apple M4", "Apple", "SoC")]),
    (
        "iPhone 15 Pro работает на чипе A17 Pro.",
        [("Apple iPhone 15 Pro", "Apple", "device"), ("Apple A17 Pro", "Apple", "SoC")],
    ),
    ("Продажи айфона 16 Pro Max выросли.", [("Apple iPhone 16 Pro Max", "Apple", "device")]),
    ("Новый айфон 15 Про заметно легче.", [("Apple iPhone 15 Pro", "Apple", "device")]),
    (
        "Новый iPad Pro с чипом M4 стал самым тонким устройством Apple.",
        [("Apple iPad Pro", "Apple", "device"), ("Apple M4", "Apple", "SoC")],
    ),
    ("MacBook Air на M2 подешевел.", [("Apple MacBook Air", "Apple", "device"), ("Apple M2", "Apple", "SoC")]),
    ("Гарнитура Vision Pro поступит в продажу в феврале.", [("Apple Vision Pro", "Apple", "device")]),
    (
        "Смартфон iPhone SE оснащен чипом A15 Bionic.",
        [("Apple iPhone SE", "Apple", "device"), ("Apple A15 Bionic", "Apple", "SoC")],
    ),
    # ---- Qualcomm, MediaTek ----
    ("Флагманы на Snapdragon 8 Gen 3 подешевели.", [("Qualcomm Snapdragon 8 Gen 3", "Qualcomm", "SoC")]),
    ("Смартфон построен на Snapdragon 8 Elite.", [("Qualcomm Snapdragon 8 Elite", "Qualcomm", "SoC")]),
    ("Ноутбуки на Qualcomm Snapdragon X Elite вышли в июне.", [("Qualcomm Snapdragon X Elite", "Qualcomm", "SoC")]),
    ("Бюджетный телефон получил Снапдрагон 695.", [("Qualcomm Snapdragon 695", "Qualcomm", "SoC")]),
    (
        "В основе модели лежит однокристальная система Snapdragon 765G.",
        [("Qualcomm Snapdragon 765G", "Qualcomm", "SoC")],
    ),
    (
        "Новинки получат Snapdragon 888 и 865.",
        [("Qualcomm Snapdragon 888", "Qualcomm", "SoC"), ("Qualcomm Snapdragon 865", "Qualcomm", "SoC")],
    ),
    ("MediaTek Dimensity 9300 конкурирует с флагманами.", [("MediaTek Dimensity 9300", "MediaTek", "SoC")]),
    ("Бюджетник работает на Helio G99.", [("MediaTek Helio G99", "MediaTek", "SoC")]),
    # ---- Samsung ----
    ("Продажи смартфонов Galaxy S24 Ultra превзошли ожидания.", [("Samsung Galaxy S24 Ultra", "Samsung", "device")]),
    ("Samsung Galaxy Z Fold 6 стал легче.", [("Samsung Galaxy Z Fold 6", "Samsung", "device")]),
    ("В Европе продают Samsung S24 Ultra.", [("Samsung Galaxy S24 Ultra", "Samsung", "device")]),
    ("Процессор Exynos 2400 установлен в европейских версиях.", [("Samsung Exynos 2400", "Samsung", "SoC")]),
    ("Недорогой Galaxy A55 получил защиту IP67.", [("Samsung Galaxy A55", "Samsung", "device")]),
    ("Бюджетный Samsung A35 подешевел.", [("Samsung Galaxy A35", "Samsung", "device")]),
    (
        "Первой выйдет RTX 5070 Ti, а 5060 появится позже.",
        [("NVIDIA GeForce RTX 5070 Ti", NV, GPU), ("NVIDIA GeForce RTX 5060", NV, GPU)],
    ),
    # ---- Google ----
    ("Google представила TPU v5p для обучения моделей.", [("Google TPU v5p", "Google", "accelerator")]),
    (
        "Чипы Ironwood станут седьмым поколением тензорных процессоров.",
        [("Google TPU Ironwood", "Google", "accelerator")],
    ),
    (
        "Смартфон Pixel 9 Pro получил чип Tensor G4.",
        [("Google Pixel 9 Pro", "Google", "device"), ("Google Tensor G4", "Google", "SoC")],
    ),
    # ---- Huawei, Honor ----
    ("Huawei Ascend 910B используют китайские компании.", [("Huawei Ascend 910B", "Huawei", "accelerator")]),
    (
        "Смартфон Mate 60 Pro построен на Kirin 9000S.",
        [("Huawei Mate 60 Pro", "Huawei", "device"), ("Huawei Kirin 9000S", "Huawei", "SoC")],
    ),
    ("Камера Huawei Pura 70 Ultra признана лучшей.", [("Huawei Pura 70 Ultra", "Huawei", "device")]),
    ("Смартфон nova 12 поступил в продажу.", [("Huawei nova 12", "Huawei", "device")]),
    ("Huawei P60 Pro получил переменную диафрагму.", [("Huawei P60 Pro", "Huawei", "device")]),
    ("Honor Magic 6 Pro доберется до России весной.", [("Honor Magic 6 Pro", "Honor", "device")]),
    ("Бюджетный Honor 90 подешевел.", [("Honor 90", "Honor", "device")]),
    # ---- Russian chips ----
    ("Серверы на чипах Эльбрус-8СВ прошли сертификацию.", [("МЦСТ Эльбрус-8СВ", "МЦСТ", "CPU")]),
    (
        "Процессоры Эльбрус-16С и Байкал-S вошли в реестр.",
        [("МЦСТ Эльбрус-16С", "МЦСТ", "CPU"), ("Байкал-S", "Байкал Электроникс", "CPU")],
    ),
    (
        "Ноутбук на процессоре Байкал-М выпустят малой серией.",
        [("Байкал-М", "Байкал Электроникс", "CPU")],
    ),
    ("Образцы Elbrus-8SV отправлены заказчикам.", [("МЦСТ Эльбрус-8СВ", "МЦСТ", "CPU")]),
    # ---- other accelerators and server CPUs ----
    ("Cerebras WSE-3 содержит 4 трлн транзисторов.", [("Cerebras WSE-3", "Cerebras", "accelerator")]),
    ("Стартап Groq показал рекордную скорость вывода на LPU.", [("Groq LPU", "Groq", "accelerator")]),
    ("AWS Trainium2 стал доступен клиентам.", [("AWS Trainium2", "AWS", "accelerator")]),
    ("Инстансы на Graviton4 дешевле аналогов на x86.", [("AWS Graviton4", "AWS", "CPU")]),
    (
        "Microsoft представила ускоритель Maia 100 и процессор Cobalt 100.",
        [("Microsoft Maia 100", "Microsoft", "accelerator"), ("Microsoft Cobalt 100", "Microsoft", "CPU")],
    ),
    ("Tesla свернула проект суперкомпьютера Dojo.", [("Tesla Dojo", "Tesla", "server")]),
    # ---- consoles, boards ----
    ("Продажи PlayStation 5 превысили 60 млн консолей.", [("Sony PlayStation 5", "Sony", "console")]),
    ("PS5 Pro выйдет в ноябре.", [("Sony PlayStation 5 Pro", "Sony", "console")]),
    ("Sony уже проектирует PlayStation 6.", [("Sony PlayStation 6", "Sony", "console")]),
    ("Xbox Series X подорожала в Европе.", [("Microsoft Xbox Series X", "Microsoft", "console")]),
    ("Nintendo Switch 2 раскупили за сутки.", [("Nintendo Switch 2", "Nintendo", "console")]),
    ("Портативная консоль Steam Deck OLED получила новый экран.", [("Valve Steam Deck OLED", "Valve", "console")]),
    ("Raspberry Pi 5 получил собственный контроллер ввода-вывода.", [("Raspberry Pi 5", "Raspberry Pi", "device")]),
    # ---- Xiaomi, Redmi, POCO ----
    ("Xiaomi 14 Ultra поступил в продажу в России.", [("Xiaomi 14 Ultra", "Xiaomi", "device")]),
    ("Смартфон Xiaomi Redmi Note 13 Pro получил камеру на 200 Мп.", [("Xiaomi Redmi Note 13 Pro", "Xiaomi", "device")]),
    (
        "POCO F6 получил Snapdragon 8s Gen 3.",
        [("Xiaomi POCO F6", "Xiaomi", "device"), ("Qualcomm Snapdragon 8s Gen 3", "Qualcomm", "SoC")],
    ),
    ("Фитнес-браслет Mi Band 8 научился измерять давление.", [("Xiaomi Mi Band 8", "Xiaomi", "device")]),
    ("Вышло обновление для смартфонов Mi 10 Youth Edition.", [("Xiaomi Mi 10 Youth Edition", "Xiaomi", "device")]),
    (
        "Xiaomi представила Redmi K70 Pro, K70 и K70E.",
        [
            ("Xiaomi Redmi K70 Pro", "Xiaomi", "device"),
            ("Xiaomi Redmi K70", "Xiaomi", "device"),
            ("Xiaomi Redmi K70E", "Xiaomi", "device"),
        ],
    ),
    # ---- other phones, laptops, routers, servers ----
    (
        "OnePlus 12 и Vivo X100 Pro сравнили с OPPO Find X7 Ultra.",
        [
            ("OnePlus 12", "OnePlus", "device"),
            ("vivo X100 Pro", "vivo", "device"),
            ("OPPO Find X7 Ultra", "OPPO", "device"),
        ],
    ),
    ("Смартфон Meitu T9 получил две фронтальные камеры.", [("Meitu T9", "Meitu", "device")]),
    ("Tecno Camon 30 Pro вышел в России.", [("Tecno Camon 30 Pro", "Tecno", "device")]),
    ("Сенсор Sony IMX989 стоит в камерофонах.", [("Sony IMX989", "Sony", "sensor")]),
    ("Huawei MateBook X Pro представили в Дубае.", [("Huawei MateBook X Pro", "Huawei", "device")]),
    # a letter glued to its size, as the maker writes it
    ("Ноутбук MateBook D16 оснастили экраном 16 дюймов.", [("Huawei MateBook D16", "Huawei", "device")]),
    ("Вышел Huawei MateBook D 14.", [("Huawei MateBook D 14", "Huawei", "device")]),
    ("Ноутбук Redmi Book 16 получил процессор Intel.", [("Xiaomi Redmi Book 16", "Xiaomi", "device")]),
    ("Redmi Book Pro 15 стал легче.", [("Xiaomi Redmi Book Pro 15", "Xiaomi", "device")]),
    (
        "Microsoft Surface Pro 11 работает на Snapdragon X Plus.",
        [("Microsoft Surface Pro 11", "Microsoft", "device"), ("Qualcomm Snapdragon X Plus", "Qualcomm", "SoC")],
    ),
    ("Роутер TP-Link Archer AX73 подешевел.", [("TP-Link Archer AX73", "TP-Link", "device")]),
    ("Серверы Dell PowerEdge XE9680 получили восемь ускорителей.", [("Dell PowerEdge XE9680", "Dell", "server")]),
    ("Мини-ПК на Intel N100 стоит 150 долларов.", [("Intel N100", "Intel", "CPU")]),
    ("Суперчип GH200 Grace Hopper Superchip получил память HBM3e.", [("NVIDIA GH200", NV, "accelerator")]),
    ("Видеокарта уровня GTX 1060 справится с игрой.", [("NVIDIA GeForce GTX 1060", NV, GPU)]),
]

NEGATIVE = [
    "Самолет Ту-154 совершил последний рейс.",
    "Истребители F-35 поставят в Европу.",
    "Пандемия COVID-19 изменила рынок электроники.",
    "OpenAI представила GPT-4 и обновила ChatGPT.",
    "Обновление iOS 17 вышло для всех устройств.",
    "Поддержка Windows 11 продлится до 2031 года.",
    "Распечатайте документ на листе формата A4.",
    "Пробки на трассе М2 растянулись на 10 км.",
    "Экипаж МКС-70 вернулся на Землю.",
    "Артикул A100-234 снят с продажи.",
    "Наушники поддерживают Bluetooth 5.1 и NFC.",
    "Материнская плата поддерживает PCI Express 5.0.",
    "Модули памяти DDR5 подешевели на треть.",
    "Память HBM3 производит SK hynix.",
    "Смартфон работает на Android 8.1.",
    "Автомобиль Audi A4 получил новый двигатель.",
    "Новый BMW M3 разгоняется до сотни за 3,5 секунды.",
    "Apple продала 50 млн iPhone за квартал.",
    "Архитектура Blackwell станет основой новых чипов.",
    "Видеокарты GeForce подорожали после Нового года.",
    "Роутер поддерживает Wi-Fi 7 и порты USB 3.2.",
    "Беспилотники уровня L4 тестируют в Москве.",
    "Вертолеты Mi-8 и Mi-24 прошли модернизацию.",
    "Витамин B12 и D3 рекомендуют зимой.",
    "Шоссе A100 в Берлине закрыли на ремонт.",
    "Штамм H5N1 распространяется среди птиц.",
    "Формула воды H2O известна со школы.",
    "Галактика M31 видна невооруженным глазом.",
    "Процессоры с техпроцессом 3 нм подорожали.",
    "Глава NVIDIA выступил на конференции GTC 2024.",
    "Выручка Xiaomi составила 10 млрд юаней.",
    "Акции Huawei 5G-оборудования упали.",
    "Бренд Honor 10 000 раз упоминался в соцсетях.",
    "Сервис Mi Fit и платежи Mi Pay работают в России.",
    "Гнездо Socket SP5 рассчитано на LGA6096.",
    "Ядра Zen 4 выпускаются по 5-нм техпроцессу.",
    "Режим MTGame 2.0 и зарядка QC 3.0 поддерживаются.",
    "Станция метро М1 закрыта на ремонт.",
    "В серии 24 эпизода, сезон 3 выйдет в мае.",
    "Мужской хор исполнил A4 и M2 в новой аранжировке.",
    "Агенты британской разведки MI6 взломали смартфон.",
    "Модели Amazon Nova 2 Lite и Nova Pro доступны в облаке.",
    "Инженеры тестируют версию Snapdragon 8.5 и прошивку 2.1.",
    "Модель DeepSeek R1 и Kimi K2 обогнали конкурентов.",
    "Оператор Т2 и сеть X5 Group запустили сервис.",
    "Ядра Cortex-A720 и Cortex-X4 работают быстрее.",
    "Хранилище Amazon S3 подешевело.",
    "Книга Redmi Book вышла в мягкой обложке.",
    "PlayStation 7 пока никто не анонсировал, а PS 60 — не консоль.",
    "Продажи Xiaomi 14 ГБ версий не раскрываются.",
]


@pytest.fixture(scope="module")
def hw() -> HardwareExtractor:
    return HardwareExtractor()


def _hardware(hw: HardwareExtractor, text: str) -> list[tuple[str, str | None, str | None]]:
    return [(e.normal, e.vendor, e.category) for e in hw.find(text) if e.type == "HARDWARE"]


@pytest.mark.parametrize(("text", "expected"), POSITIVE, ids=[t[:40] for t, _ in POSITIVE])
def test_positive(hw: HardwareExtractor, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _hardware(hw, text) == expected


@pytest.mark.parametrize("text", NEGATIVE, ids=[t[:40] for t in NEGATIVE])
def test_negative(hw: HardwareExtractor, text: str) -> None:
    assert _hardware(hw, text) == []


def test_counts_of_cases() -> None:
    assert len(POSITIVE) >= 80
    assert len(NEGATIVE) >= 25


@pytest.mark.parametrize("text", [t for t, _ in POSITIVE] + NEGATIVE[:5])
def test_offsets_slice_text(hw: HardwareExtractor, text: str) -> None:
    ents = hw.find(text)
    assert [e.start for e in ents] == sorted(e.start for e in ents)
    for e in ents:
        assert text[e.start : e.stop] == e.text
        assert e.sentence == 0
        if e.type == "HARDWARE":
            assert e.model and e.vendor and e.category
            assert e.normal in (e.model, f"{e.vendor} {e.model}")


def test_sample_sentence(hw: HardwareExtractor) -> None:
    text = (
        "Последняя использует графические процессоры NVIDIA A100 для обучения своему чат-боту ChatGPT, "
        "и есть предположение, что Twitter может использовать Hopper H100 от NVIDIA или аналогичное "
        "оборудование"
    )
    ents = hw.find(text)
    hard = [e for e in ents if e.type == "HARDWARE"]
    assert [(e.text, e.normal, e.category, e.model) for e in hard] == [
        ("NVIDIA A100", "NVIDIA A100", "GPU", "A100"),
        ("Hopper H100", "NVIDIA H100", "GPU", "H100"),
    ]
    orgs = [e for e in ents if e.type == "ORG"]
    # only the vendor word inside a mention: "от NVIDIA" after "Hopper H100" is not one
    assert [(e.text, e.normal, e.start) for e in orgs] == [("NVIDIA", "NVIDIA", text.index("NVIDIA"))]
    assert all(e.vendor is None and e.category is None and e.model is None for e in orgs)


@pytest.mark.parametrize(
    ("text", "vendor_word", "normal"),
    [
        ("Ускорители NVIDIA H100 снова в дефиците.", "NVIDIA", "NVIDIA"),
        ("Смартфон Xiaomi Redmi Note 9 Pro получил NFC.", "Xiaomi", "Xiaomi"),
        ("Процессор AMD EPYC Genoa показали на фото.", "AMD", "AMD"),
        ("Samsung Galaxy S23 получил обновление.", "Samsung", "Samsung"),
        ("Серверы на Интел Xeon 6980P подорожали.", "Интел", "Intel"),
    ],
)
def test_vendor_word_inside_span_is_org(hw: HardwareExtractor, text: str, vendor_word: str, normal: str) -> None:
    ents = hw.find(text)
    orgs = [e for e in ents if e.type == "ORG"]
    hard = [e for e in ents if e.type == "HARDWARE"]
    assert [(e.text, e.normal) for e in orgs] == [(vendor_word, normal)]
    assert len(hard) == 1 and hard[0].start == orgs[0].start and hard[0].stop > orgs[0].stop


def test_vendor_word_outside_span_is_not_org(hw: HardwareExtractor) -> None:
    ents = hw.find("Компания NVIDIA показала ускоритель H200, а Qualcomm — Snapdragon 8 Elite.")
    assert [e.type for e in ents] == ["HARDWARE", "HARDWARE"]


def test_document_consistency_xiaomi(hw: HardwareExtractor) -> None:
    text = (
        "Анонсирован смартфон Xiaomi Mi 10. Позже обновление получат Mi 10 Pro и Redmi K30 Pro.\n\n"
        "Владельцы K30 Pro Zoom получат его последними."
    )
    got = {e.text: e.normal for e in hw.find(text) if e.type == "HARDWARE"}
    assert got == {
        "Xiaomi Mi 10": "Xiaomi Mi 10",
        "Mi 10 Pro": "Xiaomi Mi 10 Pro",
        "Redmi K30 Pro": "Xiaomi Redmi K30 Pro",
        "K30 Pro Zoom": "Xiaomi Redmi K30 Pro Zoom",
    }


def test_document_consistency_bare_families(hw: HardwareExtractor) -> None:
    text = (
        "AMD показала процессоры EPYC Genoa. Инженерный образец Genoa уже у партнеров. "
        "Samsung представила Galaxy S24. Версия S24 Ultra получила стилус."
    )
    got = [(e.text, e.normal) for e in hw.find(text) if e.type == "HARDWARE"]
    assert got == [
        ("EPYC Genoa", "AMD EPYC Genoa"),
        ("Genoa", "AMD EPYC Genoa"),
        ("Galaxy S24", "Samsung Galaxy S24"),
        ("S24 Ultra", "Samsung Galaxy S24 Ultra"),
    ]


def test_document_consistency_context_from_other_sentence(hw: HardwareExtractor) -> None:
    # the second A100 has no hardware word in its sentence, but the document already named it
    text = "Ускорители A100 поставляются с 2020 года. Сегодня A100 стоит вдвое дешевле."
    got = [(e.text, e.normal) for e in hw.find(text) if e.type == "HARDWARE"]
    assert got == [("A100", "NVIDIA A100"), ("A100", "NVIDIA A100")]
    assert _hardware(hw, "Сегодня A100 стоит вдвое дешевле.") == []


def test_one_normal_per_model(hw: HardwareExtractor) -> None:
    text = "Новый Galaxy Z Fold6 тоньше. Galaxy Z Fold 6 продают с июля, Hopper H100 и Н100 тоже."
    normals = [e.normal for e in hw.find(text) if e.type == "HARDWARE"]
    assert normals == ["Samsung Galaxy Z Fold6"] * 2 + ["NVIDIA H100"] * 2
