"""Demo texts for the civic orientation, written for Samverka in plain language.

Swedish is the source. English and Arabic cover all eight topics of the
civic-orientation regulation; Persian, Somali, Tigrinya and Ukrainian cover
"Coming to Sweden" and "Health". The municipality (Ålunda) is fictional;
telephone numbers and addresses of national authorities are real.
"""

# Words used inside the content (not the site's interface, which is in locale/).
LABELS = {
    "sv": {
        "easy": "Lättläst",
        "good": "Bra att veta",
        "faq": "Vanliga frågor",
        "links": "Myndigheter och länkar",
        "steps": "Steg för steg",
        "open_24": "Dygnet runt",
    },
    "en": {
        "easy": "Easy to read",
        "good": "Good to know",
        "faq": "Common questions",
        "links": "Authorities and links",
        "steps": "Step by step",
        "open_24": "Day and night",
    },
    "ar": {
        "easy": "نص سهل القراءة",
        "good": "من المفيد أن تعرف",
        "faq": "أسئلة شائعة",
        "links": "السلطات والروابط",
        "steps": "خطوة بخطوة",
        "open_24": "على مدار الساعة",
    },
    "fa": {
        "easy": "متن ساده",
        "good": "خوب است بدانید",
        "faq": "پرسش‌های رایج",
        "links": "ادارات و پیوندها",
        "steps": "گام به گام",
        "open_24": "شبانه‌روزی",
    },
    "so": {
        "easy": "Si fudud u akhri",
        "good": "Waa fiican tahay inaad ogaato",
        "faq": "Su'aalaha inta badan la is weydiiyo",
        "links": "Hay'adaha iyo xiriirrada",
        "steps": "Tallaabo tallaabo",
        "open_24": "Habeen iyo maalin",
    },
    "ti": {
        "easy": "ቀሊል ንምንባብ",
        "good": "ክትፈልጦ ዘለካ",
        "faq": "ብተደጋጋሚ ዝሕተቱ ሕቶታት",
        "links": "በዓል መዚ ትካላትን መላግቦታትን",
        "steps": "ስጉምቲ ብስጉምቲ",
        "open_24": "ለይትን መዓልትን",
    },
    "uk": {
        "easy": "Простою мовою",
        "good": "Корисно знати",
        "faq": "Часті запитання",
        "links": "Установи та посилання",
        "steps": "Крок за кроком",
        "open_24": "Цілодобово",
    },
}

INDEX = {
    "sv": (
        "Samhällsorientering",
        "Om hur det är att leva i Sverige: boende, arbete, rättigheter, familj, hälsa och mer.",
        "Här finns åtta ämnen. Välj det du vill läsa om. Texterna finns på flera språk.",
    ),
    "en": (
        "Civic orientation",
        "How life in Sweden works: housing, work, rights, family, health and more.",
        "There are eight topics here. Choose the one you want to read about. "
        "The texts are in several languages.",
    ),
    "ar": (
        "التوجيه المدني",
        "كيف تسير الحياة في السويد: السكن والعمل والحقوق والأسرة والصحة وغير ذلك.",
        "هنا ثمانية مواضيع. اختر الموضوع الذي تريد أن تقرأ عنه. النصوص متوفرة بعدة لغات.",
    ),
    "fa": (
        "آشنایی با جامعه",
        "زندگی در سوئد چگونه است: مسکن، کار، حقوق، خانواده، سلامت و موضوعات دیگر.",
        "اینجا هشت موضوع هست. موضوعی را که می‌خواهید بخوانید انتخاب کنید. "
        "بعضی متن‌ها هنوز فقط به سوئدی هستند.",
    ),
    "so": (
        "Hagaha bulshada",
        "Sida nolosha Iswiidhan u shaqeyso: guriga, shaqada, xuquuqda, qoyska, caafimaadka iyo wax kale.",
        "Halkan waxaa ku yaal siddeed mawduuc. Dooro kan aad rabto inaad wax ka akhrido. "
        "Qoraallada qaarkood weli waa iswiidhish oo keliya.",
    ),
    "ti": (
        "ሕብረተሰባዊ መምርሒ",
        "ህይወት ኣብ ሽወደን ከመይ ከም ዝሰርሕ፡ መንበሪ ገዛ፡ ስራሕ፡ መሰላት፡ ስድራቤት፡ ጥዕና ከምኡውን ካልእ።",
        "ኣብዚ ሸሞንተ ኣርእስትታት ኣለዉ። ከተንብቦ እትደሊ ምረጽ። ገሊኦም ጽሑፋት ገና ብሽወደንኛ ጥራይ እዮም።",
    ),
    "uk": (
        "Знайомство з суспільством",
        "Як влаштоване життя у Швеції: житло, робота, права, сім'я, здоров'я та інше.",
        "Тут вісім тем. Оберіть ту, про яку хочете прочитати. "
        "Деякі тексти поки що є лише шведською.",
    ),
}

MEETING_INDEX = {
    "sv": (
        "Mötesplatser",
        "Mötesplatserna i Ekby och Fröängen: här får du hjälp av kommunen, myndigheter och "
        "föreningar på samma ställe.",
    ),
    "en": (
        "Meeting places",
        "The meeting places in Ekby and Fröängen: help from the municipality, authorities and "
        "associations in one place.",
    ),
    "ar": (
        "أماكن اللقاء",
        "أماكن اللقاء في إيكبي وفرو إنغن: مساعدة من البلدية والسلطات والجمعيات في مكان واحد.",
    ),
    "fa": (
        "مکان‌های دیدار",
        "مکان‌های دیدار در اِکبی و فرواِنگن: کمک از شهرداری، ادارات و انجمن‌ها در یک جا.",
    ),
    "so": (
        "Goobaha kulanka",
        "Goobaha kulanka ee Ekby iyo Fröängen: caawimaad ka timaada degmada, hay'adaha iyo "
        "ururada hal meel.",
    ),
    "ti": (
        "ቦታታት ርክብ",
        "ቦታታት ርክብ ኣብ ኤክቢን ፍሮኤንገንን፡ ካብ ምምሕዳር ከተማ፡ ትካላትን ማሕበራትን ሓገዝ ኣብ ሓደ ቦታ።",
    ),
    "uk": (
        "Місця зустрічей",
        "Місця зустрічей в Екбю та Фреенгені: допомога від муніципалітету, установ та "
        "об'єднань в одному місці.",
    ),
}

# Home pages in the languages the foundation does not seed (entry-point cards).
HOME_EXTRA = {
    "fa": {
        "title": "به ساموِرکا خوش آمدید",
        "intro": (
            "شهرداری، انجمن‌ها، جوامع دینی و کارفرمایان همه چیزهایی را که به شما به عنوان "
            "تازه‌وارد کمک می‌کند اینجا جمع کرده‌اند: جامعه چگونه کار می‌کند، فعالیت‌ها و یک دوست."
        ),
        "heading": "از کجا می‌خواهید شروع کنید؟",
        "cards": [
            ("من تازه اینجا آمده‌ام", "درباره زندگی، کار و سکونت در سوئد، به زبان شما."),
            ("می‌خواهم کمک کنم", "دوست، راهنمای کارآموزی یا میزبان کافه زبان شوید."),
            ("چه خبر است؟", "کافه‌های زبان، جلسات اطلاع‌رسانی و دیدارها در نزدیکی شما."),
        ],
        "callout_title": "خوب است بدانید",
        "callout": (
            "<p>همه چیز در این وب‌سایت رایگان است. برای خواندن یا ثبت‌نام در یک فعالیت "
            "به حساب کاربری نیاز ندارید.</p>"
        ),
    },
    "so": {
        "title": "Ku soo dhowow Samverka",
        "intro": (
            "Degmada, ururada, bulshooyinka diimeed iyo loo-shaqeeyayaashu halkan waxay isugu "
            "keeneen wax kasta oo ku caawinaya adiga oo cusub: sida bulshadu u shaqeyso, "
            "hawlo iyo saaxiib."
        ),
        "heading": "Xaggee baad rabtaa inaad ka bilowdo?",
        "cards": [
            (
                "Waxaan ahay qof cusub",
                "Ku saabsan ku noolaanshaha iyo shaqada Iswiidhan, luqaddaada.",
            ),
            (
                "Waxaan rabaa inaan caawiyo",
                "Noqo saaxiib, hage tababar ama martigeliye kafeega luqadda.",
            ),
            ("Maxaa dhacaya?", "Kafeeyada luqadda, kulamada macluumaadka iyo kulamo kuu dhow."),
        ],
        "callout_title": "Waa fiican tahay inaad ogaato",
        "callout": (
            "<p>Wax kasta oo boggan ku jira waa bilaash. Uma baahnid akoon si aad wax u akhrido "
            "ama isugu diiwaan geliso hawl.</p>"
        ),
    },
    "ti": {
        "title": "እንቋዕ ናብ ሳምቨርካ ብደሓን መጻእኩም",
        "intro": (
            "ምምሕዳር ከተማ፡ ማሕበራት፡ ሃይማኖታዊ ማሕበረሰባትን ኣስራሕትን ንሓድሽ መጻኢ ዝሕግዝ ኩሉ ኣብዚ "
            "ኣኪቦም ኣለዉ፡ ሕብረተሰብ ከመይ ከም ዝሰርሕ፡ ንጥፈታትን ዓርክን።"
        ),
        "heading": "ካበይ ክትጅምር ትደሊ?",
        "cards": [
            ("ኣነ ሓድሽ እየ", "ብዛዕባ ምንባርን ምስራሕን ኣብ ሽወደን፡ ብቋንቋኻ።"),
            ("ክሕግዝ እደሊ", "ዓርኪ፡ መምርሒ ልምምድ ስራሕ ወይ ኣዳላዊ ቤት ቡን ቋንቋ ኩን።"),
            ("እንታይ ኣሎ?", "ኣባይቲ ቡን ቋንቋ፡ ኣኼባታት ሓበሬታን ርክባትን ኣብ ጥቓኻ።"),
        ],
        "callout_title": "ክትፈልጦ ዘለካ",
        "callout": ("<p>ኣብዚ መርበብ ሓበሬታ ዘሎ ኩሉ ብናጻ እዩ። ንምንባብ ወይ ኣብ ንጥፈት ንምምዝጋብ ሕሳብ ኣየድልየካን።</p>"),
    },
    "uk": {
        "title": "Ласкаво просимо до Samverka",
        "intro": (
            "Муніципалітет, громадські об'єднання, релігійні громади та роботодавці зібрали тут "
            "усе, що допоможе вам як новоприбулим: як працює суспільство, заходи та друг поруч."
        ),
        "heading": "З чого ви хочете почати?",
        "cards": [
            ("Я тут новенький", "Про життя, роботу та облаштування у Швеції вашою мовою."),
            (
                "Я хочу допомогти",
                "Станьте другом, наставником на практиці або ведучим мовного кафе.",
            ),
            ("Що відбувається?", "Мовні кафе, інформаційні зустрічі та заходи поруч із вами."),
        ],
        "callout_title": "Корисно знати",
        "callout": (
            "<p>Усе на цьому сайті безкоштовне. Вам не потрібен обліковий запис, щоб читати "
            "або записатися на захід.</p>"
        ),
    },
}

# Each topic: slug, links (name, address), optional contact, and texts per language.
# A text: title, intro, easy (easy-to-read summary), heading, paragraphs, callout,
# optional steps, questions [(question, answer)].
TOPICS = [
    {
        "slug": "att-komma-till-sverige",
        "links": [
            ("Migrationsverket", "https://www.migrationsverket.se"),
            ("Skatteverket", "https://www.skatteverket.se"),
            ("Arbetsförmedlingen", "https://arbetsformedlingen.se"),
        ],
        "texts": {
            "sv": {
                "title": "Att komma till Sverige",
                "intro": "De första stegen när du har fått uppehållstillstånd.",
                "easy": (
                    "Du har fått uppehållstillstånd. Skriv dig i folkbokföringen hos "
                    "Skatteverket. Då får du ett personnummer. Med personnumret kan du "
                    "få id-kort, bankkonto och vård."
                ),
                "heading": "Personnummer, id-kort och svenska",
                "paragraphs": [
                    "När du har fått uppehållstillstånd ska du anmäla dig till folkbokföringen "
                    "hos Skatteverket. Du får då ett personnummer. Det används hos nästan alla "
                    "myndigheter, i vården och hos banken.",
                    "Du har rätt att läsa svenska för invandrare (sfi) gratis. Anmäl dig hos "
                    "kommunens vuxenutbildning. Många arbetsgivare vill att du kan lite svenska, "
                    "men du kan börja arbeta innan du talar språket bra.",
                ],
                "steps": [
                    "Anmäl flytt till Sverige hos Skatteverket.",
                    "Ansök om id-kort när du har fått personnummer.",
                    "Öppna ett bankkonto.",
                    "Anmäl dig till sfi hos kommunen.",
                ],
                "callout": (
                    "Ta alltid med ditt uppehållstillståndskort (UT-kort) och ditt pass när "
                    "du besöker en myndighet."
                ),
                "questions": [
                    (
                        "Hur lång tid tar det att få personnummer?",
                        "Oftast några veckor. Skatteverket skickar ett brev till din adress.",
                    ),
                    (
                        "Kostar sfi något?",
                        "Nej. Sfi är gratis, och du kan läsa på dagen eller på kvällen.",
                    ),
                ],
            },
            "en": {
                "title": "Coming to Sweden",
                "intro": "The first steps once you have a residence permit.",
                "easy": (
                    "You have a residence permit. Register with the Swedish Tax Agency. "
                    "Then you get a personal identity number. With it you can get an ID "
                    "card, a bank account and health care."
                ),
                "heading": "Personal identity number, ID card and Swedish",
                "paragraphs": [
                    "Once you have a residence permit, register in the population register at "
                    "the Swedish Tax Agency (Skatteverket). You then get a personal identity "
                    "number. Almost every authority, the health service and the bank use it.",
                    "You have the right to study Swedish for immigrants (sfi) for free. Sign up "
                    "at the municipality's adult education. Many employers want you to know some "
                    "Swedish, but you can start working before you speak it well.",
                ],
                "steps": [
                    "Report your move to Sweden to the Swedish Tax Agency.",
                    "Apply for an ID card once you have a personal identity number.",
                    "Open a bank account.",
                    "Sign up for sfi at the municipality.",
                ],
                "callout": (
                    "Always bring your residence permit card and your passport when you visit "
                    "an authority."
                ),
                "questions": [
                    (
                        "How long does it take to get a personal identity number?",
                        "Usually a few weeks. The Tax Agency sends a letter to your address.",
                    ),
                    (
                        "Does sfi cost anything?",
                        "No. Sfi is free, and you can study in the daytime or in the evening.",
                    ),
                ],
            },
            "ar": {
                "title": "القدوم إلى السويد",
                "intro": "الخطوات الأولى بعد حصولك على تصريح الإقامة.",
                "easy": (
                    "حصلت على تصريح إقامة. سجّل نفسك في سجل السكان لدى مصلحة الضرائب. "
                    "عندها تحصل على رقم شخصي. بالرقم الشخصي يمكنك الحصول على بطاقة هوية "
                    "وحساب مصرفي ورعاية صحية."
                ),
                "heading": "الرقم الشخصي وبطاقة الهوية واللغة السويدية",
                "paragraphs": [
                    "بعد حصولك على تصريح الإقامة، سجّل نفسك في سجل السكان لدى مصلحة الضرائب "
                    "(Skatteverket). ستحصل عندها على رقم شخصي. تستخدمه كل السلطات تقريبًا "
                    "والرعاية الصحية والبنك.",
                    "يحق لك أن تدرس اللغة السويدية للمهاجرين (sfi) مجانًا. سجّل في تعليم "
                    "الكبار التابع للبلدية. يريد كثير من أصحاب العمل أن تعرف بعض السويدية، "
                    "لكن يمكنك أن تبدأ العمل قبل أن تتقنها.",
                ],
                "steps": [
                    "أبلغ مصلحة الضرائب بانتقالك إلى السويد.",
                    "اطلب بطاقة هوية بعد حصولك على الرقم الشخصي.",
                    "افتح حسابًا مصرفيًا.",
                    "سجّل في دورة sfi لدى البلدية.",
                ],
                "callout": "خذ معك دائمًا بطاقة الإقامة وجواز سفرك عندما تزور أي سلطة.",
                "questions": [
                    (
                        "كم يستغرق الحصول على الرقم الشخصي؟",
                        "عادةً بضعة أسابيع. ترسل مصلحة الضرائب رسالة إلى عنوانك.",
                    ),
                    (
                        "هل تكلّف دورة sfi شيئًا؟",
                        "لا. دورة sfi مجانية، ويمكنك الدراسة نهارًا أو مساءً.",
                    ),
                ],
            },
            "fa": {
                "title": "آمدن به سوئد",
                "intro": "نخستین گام‌ها پس از گرفتن اجازه اقامت.",
                "easy": (
                    "شما اجازه اقامت گرفته‌اید. در اداره مالیات ثبت‌نام کنید. آن وقت شماره "
                    "شخصی می‌گیرید. با شماره شخصی می‌توانید کارت شناسایی، حساب بانکی و "
                    "خدمات درمانی بگیرید."
                ),
                "heading": "شماره شخصی، کارت شناسایی و زبان سوئدی",
                "paragraphs": [
                    "پس از گرفتن اجازه اقامت، خود را در ثبت جمعیت اداره مالیات (Skatteverket) "
                    "ثبت کنید. سپس یک شماره شخصی می‌گیرید. تقریباً همه ادارات، خدمات درمانی و "
                    "بانک از آن استفاده می‌کنند.",
                    "شما حق دارید زبان سوئدی برای مهاجران (sfi) را رایگان بخوانید. در آموزش "
                    "بزرگسالان شهرداری ثبت‌نام کنید. بسیاری از کارفرمایان می‌خواهند کمی سوئدی "
                    "بدانید، اما می‌توانید پیش از آن‌که خوب صحبت کنید کار را شروع کنید.",
                ],
                "steps": [
                    "آمدن خود به سوئد را به اداره مالیات اطلاع دهید.",
                    "پس از گرفتن شماره شخصی، کارت شناسایی درخواست کنید.",
                    "یک حساب بانکی باز کنید.",
                    "در شهرداری برای sfi ثبت‌نام کنید.",
                ],
                "callout": (
                    "هنگام رفتن به هر اداره، همیشه کارت اقامت و گذرنامه خود را همراه داشته باشید."
                ),
                "questions": [
                    (
                        "گرفتن شماره شخصی چقدر طول می‌کشد؟",
                        "معمولاً چند هفته. اداره مالیات نامه‌ای به نشانی شما می‌فرستد.",
                    ),
                    (
                        "آیا sfi هزینه دارد؟",
                        "نه. sfi رایگان است و می‌توانید روزها یا شب‌ها درس بخوانید.",
                    ),
                ],
            },
            "so": {
                "title": "Imaanshaha Iswiidhan",
                "intro": "Tallaabooyinka ugu horreeya marka aad hesho sharciga deganaanshaha.",
                "easy": (
                    "Waxaad heshay sharciga deganaanshaha. Iska diiwaan geli Hay'adda Canshuuraha. "
                    "Markaas waxaad heleysaa lambar shakhsi ah. Lambarkaas waxaad ku heli kartaa "
                    "kaarka aqoonsiga, akoon bangi iyo daryeel caafimaad."
                ),
                "heading": "Lambarka shakhsiga, kaarka aqoonsiga iyo luqadda iswiidhishka",
                "paragraphs": [
                    "Marka aad hesho sharciga deganaanshaha, iska diiwaan geli diiwaanka dadweynaha "
                    "ee Hay'adda Canshuuraha (Skatteverket). Waxaad heleysaa lambar shakhsi ah. "
                    "Ku dhowaad dhammaan hay'adaha, daryeelka caafimaadka iyo bangiga ayaa isticmaala.",
                    "Waxaad xaq u leedahay inaad bilaash u barato iswiidhishka soo-galootiga (sfi). "
                    "Iska diiwaan geli waxbarashada dadka waaweyn ee degmada. Loo-shaqeeyayaal "
                    "badan ayaa rabo inaad wax yar iswiidhish ah taqaanid, laakiin waad bilaabi "
                    "kartaa shaqo ka hor inta aadan si fiican u hadlin.",
                ],
                "steps": [
                    "U sheeg Hay'adda Canshuuraha inaad u soo guurtay Iswiidhan.",
                    "Codso kaarka aqoonsiga marka aad hesho lambarka shakhsiga.",
                    "Fur akoon bangi.",
                    "Iska diiwaan geli sfi degmada.",
                ],
                "callout": (
                    "Had iyo jeer wax la qaado kaarka sharciga deganaanshaha iyo baasaboorkaaga "
                    "marka aad booqato hay'ad."
                ),
                "questions": [
                    (
                        "Muddo intee le'eg ayay qaadataa in la helo lambarka shakhsiga?",
                        "Badanaa dhowr toddobaad. Hay'adda Canshuuraha ayaa warqad u soo dirta "
                        "cinwaankaaga.",
                    ),
                    (
                        "Sfi lacag ma ku kacdaa?",
                        "Maya. Sfi waa bilaash, waxaadna wax ku baran kartaa maalintii ama habeenkii.",
                    ),
                ],
            },
            "ti": {
                "title": "ናብ ሽወደን ምምጻእ",
                "intro": "ፍቓድ መንበሪ ምስ ረኸብካ እተውሰዱ ቀዳሞት ስጉምትታት።",
                "easy": (
                    "ፍቓድ መንበሪ ረኺብካ ኣለኻ። ኣብ ቤት ጽሕፈት ግብሪ ተመዝገብ። ሽዑ ናይ ውልቂ ቁጽሪ "
                    "ትረክብ። ብናይ ውልቂ ቁጽሪ መንነት ወረቐት፡ ሕሳብ ባንክን ሕክምናን ክትረክብ ትኽእል።"
                ),
                "heading": "ናይ ውልቂ ቁጽሪ፡ መንነት ወረቐትን ቋንቋ ሽወደንን",
                "paragraphs": [
                    "ፍቓድ መንበሪ ምስ ረኸብካ፡ ኣብ መዝገብ ህዝቢ ናይ ቤት ጽሕፈት ግብሪ (Skatteverket) "
                    "ተመዝገብ። ሽዑ ናይ ውልቂ ቁጽሪ ትረክብ። ዳርጋ ኩሎም በዓል መዚ፡ ሕክምናን ባንክን "
                    "ይጥቀሙሉ እዮም።",
                    "ሽወደንኛ ንስደተኛታት (sfi) ብናጻ ክትመሃር መሰል ኣለካ። ኣብ ትምህርቲ ዓበይቲ ናይ "
                    "ምምሕዳር ከተማ ተመዝገብ። ብዙሓት ኣስራሕቲ ቁሩብ ሽወደንኛ ክትፈልጥ ይደልዩ፡ ግን "
                    "ቋንቋ ጽቡቕ ከይፈለጥካ ስራሕ ክትጅምር ትኽእል ኢኻ።",
                ],
                "steps": [
                    "ናብ ሽወደን ምግዓዝካ ንቤት ጽሕፈት ግብሪ ሓብር።",
                    "ናይ ውልቂ ቁጽሪ ምስ ረኸብካ መንነት ወረቐት ሕተት።",
                    "ሕሳብ ባንክ ክፈት።",
                    "ኣብ ምምሕዳር ከተማ ን sfi ተመዝገብ።",
                ],
                "callout": "ናብ በዓል መዚ ክትከይድ ከለኻ ኩሉ ግዜ ካርድ ፍቓድ መንበሪኻን ፓስፖርትካን ሒዝካ ኺድ።",
                "questions": [
                    (
                        "ናይ ውልቂ ቁጽሪ ንምርካብ ክንደይ ግዜ ይወስድ?",
                        "መብዛሕትኡ ግዜ ቁሩብ ሰሙናት። ቤት ጽሕፈት ግብሪ ናብ ኣድራሻኻ ደብዳበ ይሰድድ።",
                    ),
                    (
                        "sfi ክፍሊት ኣለዎ ድዩ?",
                        "የለን። sfi ብናጻ እዩ፡ ብመዓልቲ ወይ ብምሸት ክትመሃር ትኽእል ኢኻ።",
                    ),
                ],
            },
            "uk": {
                "title": "Приїзд до Швеції",
                "intro": "Перші кроки після отримання дозволу на проживання.",
                "easy": (
                    "Ви отримали дозвіл на проживання. Зареєструйтеся в Податковому управлінні. "
                    "Тоді ви отримаєте персональний номер. З ним можна отримати ID-картку, "
                    "банківський рахунок і медичну допомогу."
                ),
                "heading": "Персональний номер, ID-картка та шведська мова",
                "paragraphs": [
                    "Після отримання дозволу на проживання зареєструйтеся в реєстрі населення "
                    "Податкового управління (Skatteverket). Ви отримаєте персональний номер. "
                    "Його використовують майже всі установи, медицина та банк.",
                    "Ви маєте право безкоштовно вивчати шведську для іммігрантів (sfi). "
                    "Запишіться в освіту для дорослих у муніципалітеті. Багато роботодавців "
                    "хочуть, щоб ви трохи знали шведську, але почати працювати можна ще до того, "
                    "як ви добре заговорите.",
                ],
                "steps": [
                    "Повідомте Податкове управління про переїзд до Швеції.",
                    "Подайте заяву на ID-картку, коли отримаєте персональний номер.",
                    "Відкрийте банківський рахунок.",
                    "Запишіться на sfi у муніципалітеті.",
                ],
                "callout": (
                    "Завжди беріть із собою картку дозволу на проживання та паспорт, коли йдете "
                    "до будь-якої установи."
                ),
                "questions": [
                    (
                        "Скільки часу потрібно, щоб отримати персональний номер?",
                        "Зазвичай кілька тижнів. Податкове управління надішле лист на вашу адресу.",
                    ),
                    (
                        "Чи платне навчання sfi?",
                        "Ні. Sfi безкоштовне, вчитися можна вдень або ввечері.",
                    ),
                ],
            },
        },
    },
    {
        "slug": "att-bo-i-sverige",
        "links": [
            ("Boverket", "https://www.boverket.se"),
            ("Hyresgästföreningen", "https://www.hyresgastforeningen.se"),
        ],
        "texts": {
            "sv": {
                "title": "Att bo i Sverige",
                "intro": "Om bostad, hyra, grannar och sopsortering.",
                "easy": (
                    "Du betalar hyra varje månad. Säg till hyresvärden om något går sönder. "
                    "Visa hänsyn mot grannarna. Sortera soporna."
                ),
                "heading": "Hyresrätt, grannar och vardag",
                "paragraphs": [
                    "De flesta nyanlända bor i en hyresrätt. Du skriver ett hyreskontrakt med "
                    "hyresvärden och betalar hyran i förskott varje månad. Om något går sönder i "
                    "lägenheten ska du göra en felanmälan till hyresvärden.",
                    "I ett flerfamiljshus finns ordningsregler. Det ska vara tyst på natten, "
                    "oftast mellan klockan 22 och 7. Sopor sorteras i mat, papper, plast, "
                    "glas och metall.",
                ],
                "callout": "Hemförsäkring är inte obligatorisk men mycket bra att ha.",
                "questions": [
                    (
                        "Får jag hyra ut min lägenhet i andra hand?",
                        "Bara om hyresvärden har sagt ja. Fråga alltid först.",
                    ),
                    (
                        "Vem hjälper mig om jag har problem med hyresvärden?",
                        "Hyresgästföreningen ger råd. Du kan också vända dig till hyresnämnden.",
                    ),
                ],
            },
            "en": {
                "title": "Living in Sweden",
                "intro": "About housing, rent, neighbours and sorting your rubbish.",
                "easy": (
                    "You pay rent every month. Tell the landlord if something breaks. "
                    "Be considerate towards your neighbours. Sort your rubbish."
                ),
                "heading": "Rented flats, neighbours and everyday life",
                "paragraphs": [
                    "Most newcomers live in a rented flat. You sign a tenancy agreement with the "
                    "landlord and pay the rent in advance every month. If something breaks in "
                    "the flat, report it to the landlord.",
                    "Blocks of flats have house rules. It should be quiet at night, usually "
                    "between 10 pm and 7 am. Rubbish is sorted into food, paper, plastic, "
                    "glass and metal.",
                ],
                "callout": "Home insurance is not required, but it is very good to have.",
                "questions": [
                    (
                        "May I sublet my flat?",
                        "Only if the landlord has said yes. Always ask first.",
                    ),
                    (
                        "Who helps me if I have a problem with my landlord?",
                        "The Swedish Union of Tenants gives advice. You can also turn to the "
                        "rent tribunal.",
                    ),
                ],
            },
            "ar": {
                "title": "السكن في السويد",
                "intro": "عن السكن والإيجار والجيران وفرز النفايات.",
                "easy": (
                    "تدفع الإيجار كل شهر. أخبر المؤجر إذا تعطّل شيء. راعِ جيرانك. افرز النفايات."
                ),
                "heading": "الشقق المستأجرة والجيران والحياة اليومية",
                "paragraphs": [
                    "يسكن معظم القادمين الجدد في شقة مستأجرة. توقّع عقد إيجار مع المؤجر وتدفع "
                    "الإيجار مقدمًا كل شهر. إذا تعطّل شيء في الشقة، أبلغ المؤجر بالعطل.",
                    "في المباني السكنية قواعد للنظام. يجب أن يكون الهدوء في الليل، عادةً بين "
                    "الساعة العاشرة مساءً والسابعة صباحًا. تُفرز النفايات إلى طعام وورق "
                    "وبلاستيك وزجاج ومعدن.",
                ],
                "callout": "تأمين المنزل ليس إلزاميًا، لكن من الجيد جدًا أن يكون لديك.",
                "questions": [
                    (
                        "هل يحق لي تأجير شقتي لشخص آخر؟",
                        "فقط إذا وافق المؤجر. اسأل دائمًا أولًا.",
                    ),
                    (
                        "من يساعدني إذا كانت لدي مشكلة مع المؤجر؟",
                        "تقدّم جمعية المستأجرين النصيحة. ويمكنك أيضًا التوجه إلى لجنة الإيجارات.",
                    ),
                ],
            },
        },
        "subpages": [
            {
                "slug": "att-hitta-en-bostad",
                "texts": {
                    "sv": {
                        "title": "Att hitta en bostad",
                        "intro": "Bostadskö, andrahandskontrakt och vad du ska se upp med.",
                        "easy": (
                            "Ställ dig i bostadskön tidigt. Betala aldrig pengar till någon "
                            "för ett kontrakt."
                        ),
                        "heading": "Bostadskön",
                        "paragraphs": [
                            "I Ålunda förmedlas lediga lägenheter genom kommunens bostadskö. "
                            "Det kostar inget att stå i kön, men du måste logga in och svara på "
                            "erbjudanden i tid.",
                        ],
                        "callout": (
                            "Den som vill ha pengar under bordet för ett kontrakt bryter mot "
                            "lagen. Betala aldrig."
                        ),
                        "questions": [
                            (
                                "Hur länge får man vänta?",
                                "Ofta flera år. Sök därför också andrahandskontrakt och "
                                "bostäder i andra kommuner.",
                            )
                        ],
                    },
                    "en": {
                        "title": "Finding a home",
                        "intro": "The housing queue, sublets and what to look out for.",
                        "easy": (
                            "Join the housing queue early. Never pay anyone money for a contract."
                        ),
                        "heading": "The housing queue",
                        "paragraphs": [
                            "In Ålunda, vacant flats are offered through the municipal housing "
                            "queue. It costs nothing to be in the queue, but you must log in and "
                            "answer offers in time.",
                        ],
                        "callout": (
                            "Anyone who asks for money under the table for a contract is "
                            "breaking the law. Never pay."
                        ),
                        "questions": [
                            (
                                "How long is the wait?",
                                "Often several years. So also look for sublets and homes in "
                                "other municipalities.",
                            )
                        ],
                    },
                    "ar": {
                        "title": "البحث عن سكن",
                        "intro": "طابور السكن والإيجار من الباطن وما يجب الحذر منه.",
                        "easy": "سجّل في طابور السكن مبكرًا. لا تدفع المال أبدًا لأحد مقابل عقد.",
                        "heading": "طابور السكن",
                        "paragraphs": [
                            "في ألوندا تُعرض الشقق الشاغرة عبر طابور السكن التابع للبلدية. "
                            "التسجيل في الطابور مجاني، لكن يجب أن تسجّل الدخول وترد على "
                            "العروض في الوقت المحدد.",
                        ],
                        "callout": "من يطلب مالًا من تحت الطاولة مقابل عقد يخالف القانون. لا تدفع أبدًا.",
                        "questions": [
                            (
                                "كم يجب أن أنتظر؟",
                                "غالبًا عدة سنوات. لذلك ابحث أيضًا عن إيجار من الباطن وعن "
                                "سكن في بلديات أخرى.",
                            )
                        ],
                    },
                },
            }
        ],
    },
    {
        "slug": "att-forsorja-sig",
        "links": [
            ("Arbetsförmedlingen", "https://arbetsformedlingen.se"),
            ("Antagning.se", "https://www.antagning.se"),
            ("CSN", "https://www.csn.se"),
        ],
        "texts": {
            "sv": {
                "title": "Att försörja sig och utvecklas",
                "intro": "Om arbete, utbildning och att få din utbildning bedömd.",
                "easy": (
                    "Arbetsförmedlingen hjälper dig att hitta jobb. Du kan få din utbildning "
                    "från hemlandet bedömd. Du kan studera vidare i Sverige."
                ),
                "heading": "Arbete och studier",
                "paragraphs": [
                    "I Sverige förväntas vuxna försörja sig själva genom arbete. "
                    "Arbetsförmedlingen hjälper dig att söka jobb, och på kommunens "
                    "jobbcentrum kan du få stöd nära där du bor.",
                    "Har du en utbildning från ett annat land kan du få den bedömd, så att "
                    "arbetsgivare förstår vad den motsvarar. Med studiemedel från CSN kan du "
                    "studera på komvux, yrkeshögskola eller universitet.",
                ],
                "steps": [
                    "Skriv in dig hos Arbetsförmedlingen.",
                    "Skriv ett CV på svenska, gärna med hjälp av jobbcentrum.",
                    "Ansök om bedömning av din utbildning.",
                ],
                "callout": "Ett kollektivavtal ger dig trygga villkor. Fråga arbetsgivaren om det finns.",
                "questions": [
                    (
                        "Måste jag kunna svenska för att få jobb?",
                        "Inte alltid. Många börjar arbeta och lär sig svenska samtidigt.",
                    ),
                    (
                        "Vad är en praktik?",
                        "En tid på en arbetsplats där du lär dig jobbet och språket, ofta innan "
                        "du får en anställning.",
                    ),
                ],
            },
            "en": {
                "title": "Supporting yourself and developing",
                "intro": "About work, education and having your qualifications assessed.",
                "easy": (
                    "The Public Employment Service helps you find work. You can have your "
                    "education from your home country assessed. You can study further in Sweden."
                ),
                "heading": "Work and studies",
                "paragraphs": [
                    "In Sweden adults are expected to support themselves through work. The "
                    "Public Employment Service (Arbetsförmedlingen) helps you look for work, "
                    "and at the municipality's job centre you can get support close to home.",
                    "If you have an education from another country you can have it assessed, "
                    "so that employers understand what it corresponds to. With student finance "
                    "from CSN you can study at adult education, a vocational college or "
                    "university.",
                ],
                "steps": [
                    "Register with the Public Employment Service.",
                    "Write a CV in Swedish, ideally with help from the job centre.",
                    "Apply to have your education assessed.",
                ],
                "callout": (
                    "A collective agreement gives you secure conditions. Ask the employer "
                    "whether there is one."
                ),
                "questions": [
                    (
                        "Do I have to speak Swedish to get a job?",
                        "Not always. Many people start working and learn Swedish at the same time.",
                    ),
                    (
                        "What is a work placement?",
                        "A period at a workplace where you learn the job and the language, often "
                        "before you are employed.",
                    ),
                ],
            },
            "ar": {
                "title": "إعالة النفس والتطور",
                "intro": "عن العمل والتعليم وتقييم شهاداتك.",
                "easy": (
                    "يساعدك مكتب العمل في إيجاد عمل. يمكنك تقييم تعليمك من بلدك الأم. "
                    "يمكنك متابعة الدراسة في السويد."
                ),
                "heading": "العمل والدراسة",
                "paragraphs": [
                    "في السويد يُتوقع من البالغين أن يعيلوا أنفسهم من خلال العمل. يساعدك مكتب "
                    "العمل (Arbetsförmedlingen) في البحث عن عمل، وفي مركز العمل التابع للبلدية "
                    "يمكنك الحصول على الدعم قرب مكان سكنك.",
                    "إذا كان لديك تعليم من بلد آخر يمكنك طلب تقييمه، حتى يفهم أصحاب العمل ما "
                    "يعادله. بالمساعدة الدراسية من CSN يمكنك الدراسة في تعليم الكبار أو المعاهد "
                    "المهنية أو الجامعة.",
                ],
                "steps": [
                    "سجّل لدى مكتب العمل.",
                    "اكتب سيرة ذاتية بالسويدية، ويُفضّل بمساعدة مركز العمل.",
                    "اطلب تقييم تعليمك.",
                ],
                "callout": "الاتفاقية الجماعية تمنحك شروط عمل آمنة. اسأل صاحب العمل إن كانت موجودة.",
                "questions": [
                    (
                        "هل يجب أن أتكلم السويدية لأحصل على عمل؟",
                        "ليس دائمًا. كثيرون يبدؤون العمل ويتعلمون السويدية في الوقت نفسه.",
                    ),
                    (
                        "ما هو التدريب العملي؟",
                        "فترة في مكان عمل تتعلم فيها العمل واللغة، وغالبًا قبل أن تُوظَّف.",
                    ),
                ],
            },
        },
    },
    {
        "slug": "rattigheter-och-skyldigheter",
        "links": [
            ("Diskrimineringsombudsmannen", "https://www.do.se"),
            ("Polisen", "https://polisen.se"),
        ],
        "texts": {
            "sv": {
                "title": "Rättigheter och skyldigheter",
                "intro": "Om demokrati, lika rättigheter och lagar som gäller alla.",
                "easy": (
                    "Alla människor i Sverige har samma värde. Kvinnor och män har samma "
                    "rättigheter. Alla måste följa lagen."
                ),
                "heading": "Lika värde och lagar",
                "paragraphs": [
                    "I Sverige har alla samma rättigheter, oavsett kön, religion, ursprung, "
                    "funktionsnedsättning eller sexuell läggning. Det är förbjudet att "
                    "diskriminera.",
                    "Du har yttrandefrihet och religionsfrihet. Du har också skyldigheter, till "
                    "exempel att följa lagen, betala skatt och låta barnen gå i skolan.",
                ],
                "callout": "Våld i nära relationer är ett brott. Ring 112 om någon är i fara.",
                "questions": [
                    (
                        "Vart vänder jag mig om jag blir diskriminerad?",
                        "Till Diskrimineringsombudsmannen (DO). Du kan också få råd på mötesplatsen.",
                    ),
                    (
                        "Får barn bli slagna som uppfostran?",
                        "Nej. Det är förbjudet att slå barn i Sverige.",
                    ),
                ],
            },
            "en": {
                "title": "Rights and obligations",
                "intro": "About democracy, equal rights and laws that apply to everyone.",
                "easy": (
                    "Everyone in Sweden has the same worth. Women and men have the same "
                    "rights. Everyone must follow the law."
                ),
                "heading": "Equal worth and laws",
                "paragraphs": [
                    "In Sweden everyone has the same rights, regardless of gender, religion, "
                    "origin, disability or sexual orientation. Discrimination is forbidden.",
                    "You have freedom of expression and freedom of religion. You also have "
                    "obligations, for example to follow the law, pay tax and let your children "
                    "go to school.",
                ],
                "callout": (
                    "Violence in close relationships is a crime. Call 112 if someone is in danger."
                ),
                "questions": [
                    (
                        "Where do I turn if I am discriminated against?",
                        "To the Equality Ombudsman (DO). You can also get advice at the meeting "
                        "place.",
                    ),
                    (
                        "May children be hit as a way of raising them?",
                        "No. Hitting children is forbidden in Sweden.",
                    ),
                ],
            },
            "ar": {
                "title": "الحقوق والواجبات",
                "intro": "عن الديمقراطية والمساواة في الحقوق والقوانين التي تسري على الجميع.",
                "easy": (
                    "لكل الناس في السويد القيمة نفسها. للنساء والرجال الحقوق نفسها. "
                    "يجب على الجميع اتباع القانون."
                ),
                "heading": "المساواة في القيمة والقوانين",
                "paragraphs": [
                    "في السويد للجميع الحقوق نفسها، بغض النظر عن الجنس أو الدين أو الأصل أو "
                    "الإعاقة أو الميول الجنسية. التمييز ممنوع.",
                    "لديك حرية التعبير وحرية الدين. وعليك أيضًا واجبات، مثل اتباع القانون "
                    "ودفع الضرائب وإرسال أطفالك إلى المدرسة.",
                ],
                "callout": "العنف في العلاقات القريبة جريمة. اتصل بالرقم 112 إذا كان أحد في خطر.",
                "questions": [
                    (
                        "إلى أين أتوجه إذا تعرضت للتمييز؟",
                        "إلى أمين المظالم لمكافحة التمييز (DO). ويمكنك أيضًا الحصول على نصيحة "
                        "في مكان اللقاء.",
                    ),
                    (
                        "هل يجوز ضرب الأطفال بهدف التربية؟",
                        "لا. ضرب الأطفال ممنوع في السويد.",
                    ),
                ],
            },
        },
    },
    {
        "slug": "familj-och-barn",
        "links": [
            ("Försäkringskassan", "https://www.forsakringskassan.se"),
            ("Skolverket", "https://www.skolverket.se"),
        ],
        "texts": {
            "sv": {
                "title": "Familj och barn",
                "intro": "Om förskola, skola, föräldrapenning och barnets rättigheter.",
                "easy": (
                    "Barn i Sverige går i skolan från sex års ålder. Förskolan är för de "
                    "mindre barnen. Föräldrar kan få pengar från Försäkringskassan."
                ),
                "heading": "Förskola, skola och stöd till familjer",
                "paragraphs": [
                    "Alla barn har rätt till förskola från ett års ålder. Skolan är obligatorisk "
                    "från förskoleklass, det år barnet fyller sex. Skolan är gratis och barnen "
                    "får lunch.",
                    "Försäkringskassan betalar barnbidrag för varje barn. Föräldrar kan dela på "
                    "föräldrapenningen och vara hemma med barnet. På öppna förskolan kan du "
                    "träffa andra föräldrar.",
                ],
                "callout": "Barnkonventionen är svensk lag. Barn har rätt att säga vad de tycker.",
                "questions": [
                    (
                        "Behöver jag ansöka om barnbidrag?",
                        "Nej, det kommer automatiskt när barnet är folkbokfört.",
                    ),
                    (
                        "Vad är öppen förskola?",
                        "En gratis mötesplats där du är med ditt barn och träffar andra familjer.",
                    ),
                ],
            },
            "en": {
                "title": "Family and children",
                "intro": "About preschool, school, parental benefit and children's rights.",
                "easy": (
                    "Children in Sweden go to school from the age of six. Preschool is for "
                    "younger children. Parents can get money from the Social Insurance Agency."
                ),
                "heading": "Preschool, school and support for families",
                "paragraphs": [
                    "All children have the right to preschool from the age of one. School is "
                    "compulsory from the preschool class, the year the child turns six. School "
                    "is free and children get lunch.",
                    "The Social Insurance Agency pays child allowance for every child. Parents "
                    "can share parental benefit and stay at home with the child. At the open "
                    "preschool you can meet other parents.",
                ],
                "callout": (
                    "The Convention on the Rights of the Child is Swedish law. Children have the "
                    "right to say what they think."
                ),
                "questions": [
                    (
                        "Do I need to apply for child allowance?",
                        "No, it comes automatically once the child is registered.",
                    ),
                    (
                        "What is an open preschool?",
                        "A free meeting place where you stay with your child and meet other families.",
                    ),
                ],
            },
            "ar": {
                "title": "الأسرة والأطفال",
                "intro": "عن الروضة والمدرسة وتعويض الوالدين وحقوق الطفل.",
                "easy": (
                    "يذهب الأطفال في السويد إلى المدرسة من عمر ست سنوات. الروضة للأطفال "
                    "الأصغر. يمكن للوالدين الحصول على مال من صندوق التأمينات الاجتماعية."
                ),
                "heading": "الروضة والمدرسة ودعم الأسر",
                "paragraphs": [
                    "لكل الأطفال الحق في الروضة من عمر سنة. المدرسة إلزامية من الصف "
                    "التمهيدي، في السنة التي يبلغ فيها الطفل ست سنوات. المدرسة مجانية ويحصل "
                    "الأطفال على وجبة غداء.",
                    "يدفع صندوق التأمينات الاجتماعية إعانة الطفل عن كل طفل. يمكن للوالدين "
                    "تقاسم تعويض الوالدين والبقاء في البيت مع الطفل. في الروضة المفتوحة يمكنك "
                    "لقاء آباء وأمهات آخرين.",
                ],
                "callout": "اتفاقية حقوق الطفل قانون سويدي. للأطفال الحق في قول رأيهم.",
                "questions": [
                    (
                        "هل يجب أن أقدّم طلبًا للحصول على إعانة الطفل؟",
                        "لا، تأتي تلقائيًا عندما يُسجَّل الطفل في سجل السكان.",
                    ),
                    (
                        "ما هي الروضة المفتوحة؟",
                        "مكان لقاء مجاني تكون فيه مع طفلك وتلتقي بعائلات أخرى.",
                    ),
                ],
            },
        },
    },
    {
        "slug": "att-paverka",
        "links": [
            ("Valmyndigheten", "https://www.val.se"),
            ("Riksdagen", "https://www.riksdagen.se"),
        ],
        "texts": {
            "sv": {
                "title": "Att påverka i Sverige",
                "intro": "Om att rösta, vara med i föreningar och säga vad du tycker.",
                "easy": (
                    "Du kan påverka i Sverige. Du kan rösta i valet till kommunen efter tre år. "
                    "Du kan gå med i en förening."
                ),
                "heading": "Val, föreningar och synpunkter",
                "paragraphs": [
                    "Val hålls vart fjärde år. Har du bott i Sverige i tre år får du rösta i "
                    "valen till kommun och region, även om du inte är svensk medborgare.",
                    "Många svenskar är med i föreningar: idrott, kultur, hyresgäster, "
                    "föräldrar. I en förening kan du träffa nya människor och vara med och "
                    "bestämma. Du kan också lämna synpunkter direkt till kommunen.",
                ],
                "callout": "Ditt val är hemligt. Ingen får se vad du röstar på.",
                "questions": [
                    (
                        "Hur lämnar jag en synpunkt till kommunen?",
                        "Via kommunens webbplats eller på mötesplatsen, på vilket språk som helst.",
                    ),
                    (
                        "Kostar det att vara med i en förening?",
                        "Ofta en liten medlemsavgift. Fråga om det finns rabatt.",
                    ),
                ],
            },
            "en": {
                "title": "Influencing in Sweden",
                "intro": "About voting, joining associations and saying what you think.",
                "easy": (
                    "You can have a say in Sweden. You can vote in the municipal election after "
                    "three years. You can join an association."
                ),
                "heading": "Elections, associations and feedback",
                "paragraphs": [
                    "Elections are held every four years. If you have lived in Sweden for three "
                    "years you may vote in municipal and regional elections, even if you are not "
                    "a Swedish citizen.",
                    "Many Swedes belong to associations: sport, culture, tenants, parents. In an "
                    "association you can meet new people and take part in decisions. You can "
                    "also send feedback straight to the municipality.",
                ],
                "callout": "Your vote is secret. Nobody may see how you vote.",
                "questions": [
                    (
                        "How do I give feedback to the municipality?",
                        "On the municipality's website or at the meeting place, in any language.",
                    ),
                    (
                        "Does it cost anything to join an association?",
                        "Often a small membership fee. Ask whether there is a discount.",
                    ),
                ],
            },
            "ar": {
                "title": "التأثير في السويد",
                "intro": "عن التصويت والانضمام إلى الجمعيات والتعبير عن رأيك.",
                "easy": (
                    "يمكنك أن تؤثر في السويد. يمكنك التصويت في انتخابات البلدية بعد ثلاث "
                    "سنوات. يمكنك الانضمام إلى جمعية."
                ),
                "heading": "الانتخابات والجمعيات والملاحظات",
                "paragraphs": [
                    "تُجرى الانتخابات كل أربع سنوات. إذا عشت في السويد ثلاث سنوات يحق لك "
                    "التصويت في انتخابات البلدية والإقليم، حتى لو لم تكن مواطنًا سويديًا.",
                    "كثير من السويديين أعضاء في جمعيات: رياضية وثقافية وللمستأجرين وللأهالي. "
                    "في الجمعية يمكنك لقاء أناس جدد والمشاركة في القرارات. ويمكنك أيضًا إرسال "
                    "ملاحظاتك مباشرة إلى البلدية.",
                ],
                "callout": "تصويتك سري. لا يحق لأحد أن يرى لمن تصوّت.",
                "questions": [
                    (
                        "كيف أرسل ملاحظة إلى البلدية؟",
                        "عبر موقع البلدية أو في مكان اللقاء، بأي لغة.",
                    ),
                    (
                        "هل العضوية في جمعية مكلفة؟",
                        "غالبًا رسوم عضوية صغيرة. اسأل إن كان هناك تخفيض.",
                    ),
                ],
            },
        },
    },
    {
        "slug": "halsa",
        "links": [
            ("1177", "https://www.1177.se"),
            ("Socialstyrelsen", "https://www.socialstyrelsen.se"),
        ],
        "contact": {"name": "1177", "phone": "1177", "website": "https://www.1177.se"},
        "texts": {
            "sv": {
                "title": "Hälsa och vård",
                "intro": "Om vårdcentral, 1177, akut hjälp och tolk i vården.",
                "easy": (
                    "Är du sjuk, ring 1177. Där får du råd dygnet runt. Vid fara för livet, "
                    "ring 112. Du har rätt till tolk i vården."
                ),
                "heading": "Vårdcentralen och 1177",
                "paragraphs": [
                    "Vårdcentralen är din första kontakt med vården. Där finns läkare, "
                    "sjuksköterskor och ofta barnavårdscentral. Du väljer själv vilken "
                    "vårdcentral du vill tillhöra.",
                    "På telefonnummer 1177 får du råd av en sjuksköterska och hjälp att komma "
                    "till rätt vård. Du har rätt till tolk gratis när du träffar vården. Säg "
                    "till när du bokar tiden.",
                ],
                "steps": [
                    "Ring 1177 eller din vårdcentral.",
                    "Säg vilket språk du behöver tolk på.",
                    "Ta med id-handling och en lista över dina mediciner.",
                ],
                "callout": "Barn och unga under 18 år får vård utan kostnad.",
                "questions": [
                    (
                        "Vad kostar ett läkarbesök?",
                        "Oftast några hundra kronor. Det finns ett högkostnadsskydd, så du "
                        "betalar aldrig mer än ett visst belopp per år.",
                    ),
                    (
                        "Vart går jag på natten?",
                        "Ring 1177 för råd. Vid fara för livet, ring 112 eller åk till akuten.",
                    ),
                ],
            },
            "en": {
                "title": "Health and care",
                "intro": "About health centres, 1177, emergencies and interpreters in health care.",
                "easy": (
                    "If you are ill, call 1177. You get advice there day and night. If a life is "
                    "in danger, call 112. You have the right to an interpreter in health care."
                ),
                "heading": "The health centre and 1177",
                "paragraphs": [
                    "The health centre (vårdcentral) is your first contact with health care. "
                    "There are doctors, nurses and often child health services. You choose "
                    "which health centre you want to belong to.",
                    "On the phone number 1177 a nurse gives you advice and helps you find the "
                    "right care. You have the right to a free interpreter when you see the "
                    "health service. Say so when you book the appointment.",
                ],
                "steps": [
                    "Call 1177 or your health centre.",
                    "Say which language you need an interpreter in.",
                    "Bring identification and a list of your medicines.",
                ],
                "callout": "Children and young people under 18 get health care free of charge.",
                "questions": [
                    (
                        "What does it cost to see a doctor?",
                        "Usually a few hundred kronor. There is a high-cost ceiling, so you never "
                        "pay more than a set amount a year.",
                    ),
                    (
                        "Where do I go at night?",
                        "Call 1177 for advice. If a life is in danger, call 112 or go to the "
                        "emergency department.",
                    ),
                ],
            },
            "ar": {
                "title": "الصحة والرعاية",
                "intro": "عن المركز الصحي والرقم 1177 والمساعدة الطارئة والمترجم في الرعاية.",
                "easy": (
                    "إذا كنت مريضًا، اتصل بالرقم 1177. تحصل هناك على نصيحة على مدار الساعة. "
                    "إذا كانت حياة أحد في خطر، اتصل بالرقم 112. لك الحق في مترجم في الرعاية "
                    "الصحية."
                ),
                "heading": "المركز الصحي والرقم 1177",
                "paragraphs": [
                    "المركز الصحي (vårdcentral) هو أول اتصال لك بالرعاية الصحية. فيه أطباء "
                    "وممرضات وغالبًا رعاية صحة الطفل. أنت تختار المركز الصحي الذي تريد أن تتبع له.",
                    "على الرقم 1177 تقدم لك ممرضة النصيحة وتساعدك في الوصول إلى الرعاية "
                    "المناسبة. لك الحق في مترجم مجاني عند زيارة الرعاية الصحية. أخبرهم بذلك "
                    "عند حجز الموعد.",
                ],
                "steps": [
                    "اتصل بالرقم 1177 أو بمركزك الصحي.",
                    "قل اللغة التي تحتاج مترجمًا بها.",
                    "خذ معك وثيقة هوية وقائمة بأدويتك.",
                ],
                "callout": "الأطفال والشباب دون 18 سنة يحصلون على الرعاية مجانًا.",
                "questions": [
                    (
                        "كم تكلّف زيارة الطبيب؟",
                        "عادةً بضع مئات من الكرونات. هناك سقف للتكاليف المرتفعة، فلا تدفع أبدًا "
                        "أكثر من مبلغ محدد في السنة.",
                    ),
                    (
                        "إلى أين أذهب في الليل؟",
                        "اتصل بالرقم 1177 للنصيحة. إذا كانت الحياة في خطر، اتصل بالرقم 112 أو "
                        "اذهب إلى قسم الطوارئ.",
                    ),
                ],
            },
            "fa": {
                "title": "سلامت و درمان",
                "intro": "درباره درمانگاه محلی، ۱۱۷۷، کمک فوری و مترجم در خدمات درمانی.",
                "easy": (
                    "اگر بیمار هستید، با ۱۱۷۷ تماس بگیرید. آنجا شبانه‌روز راهنمایی می‌گیرید. "
                    "اگر جان کسی در خطر است، با ۱۱۲ تماس بگیرید. شما حق دارید در خدمات "
                    "درمانی مترجم داشته باشید."
                ),
                "heading": "درمانگاه محلی و ۱۱۷۷",
                "paragraphs": [
                    "درمانگاه محلی (vårdcentral) نخستین تماس شما با خدمات درمانی است. آنجا "
                    "پزشک، پرستار و اغلب مراقبت سلامت کودک هست. خودتان انتخاب می‌کنید به "
                    "کدام درمانگاه تعلق داشته باشید.",
                    "با شماره ۱۱۷۷ یک پرستار به شما مشاوره می‌دهد و کمک می‌کند به درمان مناسب "
                    "برسید. شما حق دارید هنگام مراجعه مترجم رایگان داشته باشید. هنگام گرفتن "
                    "وقت این را بگویید.",
                ],
                "steps": [
                    "با ۱۱۷۷ یا درمانگاه خود تماس بگیرید.",
                    "بگویید به مترجم چه زبانی نیاز دارید.",
                    "مدرک شناسایی و فهرست داروهایتان را همراه بیاورید.",
                ],
                "callout": "کودکان و نوجوانان زیر ۱۸ سال رایگان درمان می‌شوند.",
                "questions": [
                    (
                        "ویزیت پزشک چقدر هزینه دارد؟",
                        "معمولاً چند صد کرون. سقفی برای هزینه‌ها وجود دارد و هرگز بیشتر از "
                        "مبلغی معین در سال نمی‌پردازید.",
                    ),
                    (
                        "شب‌ها کجا بروم؟",
                        "برای مشاوره با ۱۱۷۷ تماس بگیرید. اگر جان کسی در خطر است، با ۱۱۲ تماس "
                        "بگیرید یا به اورژانس بروید.",
                    ),
                ],
            },
            "so": {
                "title": "Caafimaadka iyo daryeelka",
                "intro": "Ku saabsan xarunta caafimaadka, 1177, gargaarka degdegga ah iyo turjumaan.",
                "easy": (
                    "Haddii aad xanuunsan tahay, wac 1177. Halkaas waxaad ka heleysaa talo "
                    "habeen iyo maalin. Haddii nolol khatar ku jirto, wac 112. Waxaad xaq u "
                    "leedahay turjumaan xagga daryeelka caafimaadka."
                ),
                "heading": "Xarunta caafimaadka iyo 1177",
                "paragraphs": [
                    "Xarunta caafimaadka (vårdcentral) waa xiriirkaaga ugu horreeya ee "
                    "daryeelka caafimaadka. Waxaa jooga dhakhaatiir, kalkaaliyayaal iyo badanaa "
                    "daryeelka caafimaadka carruurta. Adiga ayaa dooranaya xarunta aad rabto.",
                    "Lambarka 1177 kalkaaliye ayaa kuu siinaya talo oo kaa caawinaya inaad "
                    "hesho daryeelka saxda ah. Waxaad xaq u leedahay turjumaan bilaash ah. "
                    "Sheeg marka aad ballanta qabsanayso.",
                ],
                "steps": [
                    "Wac 1177 ama xaruntaada caafimaadka.",
                    "Sheeg luqadda aad turjumaanka ugu baahan tahay.",
                    "Wax la qaado aqoonsi iyo liiska daawooyinkaaga.",
                ],
                "callout": "Carruurta iyo dhallinyarada ka yar 18 sano daryeelku waa bilaash.",
                "questions": [
                    (
                        "Immisa ayuu ku kacayaa booqashada dhakhtarku?",
                        "Badanaa dhowr boqol oo karoon. Waxaa jira xad kharash, marnaba ma "
                        "bixinaysid wax ka badan lacag go'an sanadkii.",
                    ),
                    (
                        "Habeenkii xaggee baan aadaa?",
                        "Wac 1177 si aad talo u hesho. Haddii nolol khatar ku jirto, wac 112 "
                        "ama aad qaybta gargaarka degdegga ah.",
                    ),
                ],
            },
            "ti": {
                "title": "ጥዕናን ሕክምናን",
                "intro": "ብዛዕባ ማእከል ጥዕና፡ 1177፡ ህጹጽ ሓገዝን ኣተርጓሚ ኣብ ሕክምናን።",
                "easy": (
                    "እንተ ሓሚምካ፡ ናብ 1177 ደውል። ኣብኡ ለይትን መዓልትን ምኽሪ ትረክብ። ህይወት ኣብ "
                    "ሓደጋ እንተሎ፡ ናብ 112 ደውል። ኣብ ሕክምና ኣተርጓሚ ናይ ምርካብ መሰል ኣለካ።"
                ),
                "heading": "ማእከል ጥዕናን 1177ን",
                "paragraphs": [
                    "ማእከል ጥዕና (vårdcentral) ቀዳማይ ርክብካ ምስ ሕክምና እዩ። ኣብኡ ሓካይም፡ "
                    "ነርሳትን መብዛሕትኡ ግዜ ክንክን ጥዕና ህጻናትን ኣለዉ። ኣየናይ ማእከል ጥዕና "
                    "ከም እትደሊ ባዕልኻ ትመርጽ።",
                    "ብቁጽሪ ተሌፎን 1177 ነርስ ምኽሪ ትህበካን ናብ ቅኑዕ ሕክምና ንምብጻሕ ትሕግዘካን። "
                    "ሕክምና ክትረክብ ከለኻ ብናጻ ኣተርጓሚ ናይ ምርካብ መሰል ኣለካ። ቆጸራ ክትሕዝ "
                    "ከለኻ ንገሮም።",
                ],
                "steps": [
                    "ናብ 1177 ወይ ናብ ማእከል ጥዕናኻ ደውል።",
                    "ብኣየናይ ቋንቋ ኣተርጓሚ ከም ዘድልየካ ንገር።",
                    "መንነት ወረቐትን ዝርዝር መድሃኒታትካን ሒዝካ ምጻእ።",
                ],
                "callout": "ቆልዑን መንእሰያትን ትሕቲ 18 ዓመት ብናጻ ሕክምና ይረኽቡ።",
                "questions": [
                    (
                        "ሓኪም ምርኣይ ክንደይ የኽፍል?",
                        "መብዛሕትኡ ግዜ ቁሩብ ሚእቲ ክሮነር። ናይ ክፍሊት ደረት ስለ ዘሎ፡ ኣብ ዓመት ካብ "
                        "ዝተወሰነ መጠን ንላዕሊ ፈጺምካ ኣይትኸፍልን ኢኻ።",
                    ),
                    (
                        "ብለይቲ ናበይ እኸይድ?",
                        "ንምኽሪ ናብ 1177 ደውል። ህይወት ኣብ ሓደጋ እንተሎ፡ ናብ 112 ደውል ወይ ናብ ህጹጽ ረድኤት ኺድ።",
                    ),
                ],
            },
            "uk": {
                "title": "Здоров'я та медична допомога",
                "intro": "Про медичний центр, номер 1177, невідкладну допомогу та перекладача.",
                "easy": (
                    "Якщо ви захворіли, телефонуйте 1177. Там цілодобово дадуть пораду. Якщо "
                    "життя в небезпеці, телефонуйте 112. Ви маєте право на перекладача в "
                    "медицині."
                ),
                "heading": "Медичний центр і 1177",
                "paragraphs": [
                    "Медичний центр (vårdcentral) — ваш перший контакт із медициною. Там є "
                    "лікарі, медсестри і часто дитяча консультація. Ви самі обираєте, до "
                    "якого центру належати.",
                    "За номером 1177 медсестра порадить і допоможе знайти потрібну допомогу. "
                    "Ви маєте право на безкоштовного перекладача під час візиту. Скажіть про "
                    "це, коли записуєтеся.",
                ],
                "steps": [
                    "Зателефонуйте 1177 або до свого медичного центру.",
                    "Скажіть, якою мовою вам потрібен перекладач.",
                    "Візьміть документ, що посвідчує особу, і список ваших ліків.",
                ],
                "callout": "Діти та молодь до 18 років отримують медичну допомогу безкоштовно.",
                "questions": [
                    (
                        "Скільки коштує візит до лікаря?",
                        "Зазвичай кілька сотень крон. Є ліміт витрат, тож за рік ви ніколи не "
                        "платите більше певної суми.",
                    ),
                    (
                        "Куди звертатися вночі?",
                        "Телефонуйте 1177 по пораду. Якщо життя в небезпеці, телефонуйте 112 "
                        "або їдьте до відділення невідкладної допомоги.",
                    ),
                ],
            },
        },
    },
    {
        "slug": "att-aldras",
        "links": [
            ("Pensionsmyndigheten", "https://www.pensionsmyndigheten.se"),
        ],
        "texts": {
            "sv": {
                "title": "Att åldras i Sverige",
                "intro": "Om pension, hemtjänst och stöd när du blir äldre.",
                "easy": (
                    "När du blir äldre kan du få pension. Kommunen kan hjälpa dig hemma. "
                    "Du kan söka äldreförsörjningsstöd om pengarna inte räcker."
                ),
                "heading": "Pension och äldreomsorg",
                "paragraphs": [
                    "Pensionen bygger på de år du har arbetat och bott i Sverige. Har du bott "
                    "här kort tid kan du få äldreförsörjningsstöd från Pensionsmyndigheten.",
                    "Behöver du hjälp i vardagen kan du ansöka om hemtjänst hos kommunen. "
                    "Du kan få hjälp av personal som talar ditt språk om det finns.",
                ],
                "callout": "Anhöriga som hjälper en äldre person kan själva få stöd av kommunen.",
                "questions": [
                    (
                        "När kan jag ta ut pension?",
                        "Tidigast från 63 års ålder. Garantipension kan börja senare.",
                    ),
                    (
                        "Vad är hemtjänst?",
                        "Hjälp i hemmet med till exempel städning, mat och personlig omsorg.",
                    ),
                ],
            },
            "en": {
                "title": "Ageing in Sweden",
                "intro": "About pensions, home help and support as you grow older.",
                "easy": (
                    "When you grow older you can get a pension. The municipality can help you "
                    "at home. You can apply for maintenance support if the money is not enough."
                ),
                "heading": "Pension and care of older people",
                "paragraphs": [
                    "Your pension builds on the years you have worked and lived in Sweden. If "
                    "you have lived here for a short time you can get maintenance support for "
                    "the elderly from the Swedish Pensions Agency.",
                    "If you need help in everyday life you can apply for home help from the "
                    "municipality. You can get help from staff who speak your language where "
                    "there are any.",
                ],
                "callout": (
                    "Relatives who help an older person can themselves get support from the "
                    "municipality."
                ),
                "questions": [
                    (
                        "When can I draw my pension?",
                        "From the age of 63 at the earliest. The guarantee pension may start later.",
                    ),
                    (
                        "What is home help?",
                        "Help at home with, for example, cleaning, food and personal care.",
                    ),
                ],
            },
            "ar": {
                "title": "التقدم في السن في السويد",
                "intro": "عن التقاعد والخدمة المنزلية والدعم عندما تتقدم في السن.",
                "easy": (
                    "عندما تتقدم في السن يمكنك الحصول على معاش تقاعدي. يمكن للبلدية أن "
                    "تساعدك في البيت. يمكنك طلب دعم المعيشة لكبار السن إذا لم يكفِ المال."
                ),
                "heading": "التقاعد ورعاية كبار السن",
                "paragraphs": [
                    "يُبنى معاشك التقاعدي على السنوات التي عملت وعشت فيها في السويد. إذا عشت "
                    "هنا مدة قصيرة يمكنك الحصول على دعم المعيشة لكبار السن من هيئة التقاعد.",
                    "إذا كنت تحتاج إلى مساعدة في الحياة اليومية يمكنك طلب الخدمة المنزلية من "
                    "البلدية. يمكنك الحصول على مساعدة من موظفين يتكلمون لغتك إن وُجدوا.",
                ],
                "callout": "الأقارب الذين يساعدون شخصًا مسنًّا يمكنهم أيضًا الحصول على دعم من البلدية.",
                "questions": [
                    (
                        "متى يمكنني الحصول على التقاعد؟",
                        "من عمر 63 سنة على الأقل. قد يبدأ معاش الضمان في وقت لاحق.",
                    ),
                    (
                        "ما هي الخدمة المنزلية؟",
                        "مساعدة في البيت مثل التنظيف والطعام والعناية الشخصية.",
                    ),
                ],
            },
        },
    },
]

# Related topics (by slug), set on the Swedish pages and carried to translations.
RELATED = {
    "att-komma-till-sverige": ["att-bo-i-sverige", "att-forsorja-sig"],
    "halsa": ["familj-och-barn", "att-aldras"],
    "familj-och-barn": ["halsa", "rattigheter-och-skyldigheter"],
}

# Meeting places (fictional, inspired by the meeting places with job centres
# in two districts that Eskilstuna opened in 2019).
MEETING_PLACES = [
    {
        "slug": "motesplats-ekby",
        "street_address": "Ekbytorget 4",
        "postal_code": "633 41",
        "city": "Ålunda",
        "district": "Ekby",
        "latitude": "59.384210",
        "longitude": "16.482730",
        "phone": "016-710 20 00",
        "email": "motesplats.ekby@alunda.example",
        # (weekday, opens, closes)
        "hours": [
            (0, "09:00", "17:00"),
            (1, "09:00", "17:00"),
            (2, "09:00", "19:00"),
            (3, "09:00", "17:00"),
            (4, "09:00", "15:00"),
            (5, "11:00", "14:00"),
        ],
        "drop_in": [(1, "13:00", "16:00"), (3, "09:00", "12:00")],
        # (days from today, closed)
        "exceptions": [(21, True)],
        "actors": [
            ("Jobbcentrum Nord", "job", "", ""),
            ("Medborgarservice Ålunda", "citizen_service", "", "016-710 20 00"),
            ("Ekby bibliotek", "library", "", ""),
            ("Öppna förskolan Ekollonet", "open_preschool", "", ""),
        ],
        "texts": {
            "sv": {
                "title": "Mötesplats Ekby",
                "intro": "Kommunen, jobbcentrum, biblioteket och öppna förskolan under samma tak vid Ekbytorget.",
                "easy": "Här får du hjälp med jobb, blanketter och frågor till myndigheter. Du behöver inte boka tid.",
                "directions": "Buss 3 och 11 till hållplats Ekbytorget. Ingången ligger bredvid apoteket.",
                "accessibility": "<ul><li>Entré utan trappsteg och automatisk dörr.</li><li>Hiss till biblioteket på plan 2.</li><li>Tillgänglig toalett och hörslinga i receptionen.</li><li>Ett tyst rum finns, fråga personalen.</li></ul>",
                "actors": [
                    (
                        "Vägledare hjälper dig att hitta jobb, praktik eller studier och att skriva CV.",
                        "Måndag–torsdag",
                    ),
                    (
                        "Hjälp med blanketter, e-tjänster och kontakter med myndigheter, utan att boka tid.",
                        "Tisdag 13–16, torsdag 9–12",
                    ),
                    (
                        "Böcker och tidningar på många språk, datorer och språkcafé.",
                        "Under mötesplatsens öppettider",
                    ),
                    (
                        "Lek och sång för barn 0–5 år tillsammans med en vuxen. Föräldrar träffar andra föräldrar.",
                        "Måndag och onsdag förmiddag",
                    ),
                ],
                "exception_note": "Personaldag",
            },
            "en": {
                "title": "Ekby meeting place",
                "intro": "The municipality, the job centre, the library and the open preschool under one roof at Ekbytorget.",
                "easy": "Here you get help with jobs, forms and questions to authorities. You do not need an appointment.",
                "directions": "Bus 3 or 11 to the Ekbytorget stop. The entrance is next to the pharmacy.",
                "accessibility": "<ul><li>Step-free entrance with an automatic door.</li><li>Lift to the library on floor 2.</li><li>Accessible toilet and a hearing loop at reception.</li><li>There is a quiet room; ask the staff.</li></ul>",
                "actors": [
                    (
                        "Counsellors help you find a job, a work placement or studies, and write a CV.",
                        "Monday–Thursday",
                    ),
                    (
                        "Help with forms, e-services and contacts with authorities, without an appointment.",
                        "Tuesday 13–16, Thursday 9–12",
                    ),
                    (
                        "Books and newspapers in many languages, computers and a language café.",
                        "During the meeting place's opening hours",
                    ),
                    (
                        "Play and songs for children aged 0–5 with an adult. Parents meet other parents.",
                        "Monday and Wednesday mornings",
                    ),
                ],
                "exception_note": "Staff training day",
            },
            "ar": {
                "title": "مكان اللقاء في إيكبي",
                "intro": "البلدية ومركز العمل والمكتبة والروضة المفتوحة تحت سقف واحد في ساحة إيكبي.",
                "easy": "هنا تحصل على مساعدة في العمل والاستمارات والأسئلة الموجهة إلى السلطات. لا تحتاج إلى حجز موعد.",
                "directions": "الحافلة 3 أو 11 إلى موقف Ekbytorget. المدخل بجانب الصيدلية.",
                "accessibility": "<ul><li>مدخل بلا درج وباب أوتوماتيكي.</li><li>مصعد إلى المكتبة في الطابق الثاني.</li><li>مرحاض مهيأ لذوي الإعاقة وحلقة سمعية في الاستقبال.</li><li>توجد غرفة هادئة، اسأل الموظفين.</li></ul>",
                "actors": [
                    (
                        "يساعدك المرشدون في إيجاد عمل أو تدريب عملي أو دراسة وفي كتابة سيرتك الذاتية.",
                        "من الاثنين إلى الخميس",
                    ),
                    (
                        "مساعدة في الاستمارات والخدمات الإلكترونية والتواصل مع السلطات، دون موعد.",
                        "الثلاثاء 13–16، الخميس 9–12",
                    ),
                    ("كتب وصحف بلغات كثيرة وحواسيب ومقهى للغة.", "خلال ساعات عمل مكان اللقاء"),
                    (
                        "لعب وغناء للأطفال من 0 إلى 5 سنوات مع شخص بالغ. يلتقي الأهل بأهالٍ آخرين.",
                        "صباح الاثنين والأربعاء",
                    ),
                ],
                "exception_note": "يوم تدريب للموظفين",
            },
            "ti": {
                "title": "ቦታ ርክብ ኤክቢ",
                "intro": "ምምሕዳር ከተማ፡ ማእከል ስራሕ፡ ቤት መጻሕፍትን ክፉት መዋእለ ህጻናትን ኣብ ትሕቲ ሓደ ናሕሲ ኣብ ኤክቢቶርየት።",
                "easy": "ኣብዚ ብዛዕባ ስራሕ፡ ቅጥዕታትን ናብ በዓል መዚ ዘለዉ ሕቶታትን ሓገዝ ትረክብ። ቆጸራ ምሓዝ ኣየድልን።",
                "directions": "ኣውቶቡስ 3 ወይ 11 ክሳብ መዕረፊ Ekbytorget። መእተዊ ኣብ ጎኒ ፋርማሲ እዩ።",
                "accessibility": "<ul><li>ብዘይ መደያይቦ መእተዊን ኣውቶማቲክ ማዕጾን።</li><li>ናብ ቤት መጻሕፍቲ ኣብ ደርቢ 2 ሊፍት።</li><li>ተበጻሒ ሽቓቕን ኣብ መቐበሊ ናይ ምስማዕ መሳርሒን።</li><li>ህዱእ ክፍሊ ኣሎ፡ ንሰራሕተኛታት ሕተት።</li></ul>",
                "actors": [
                    ("መማኸርቲ ስራሕ፡ ልምምድ ወይ ትምህርቲ ክትረክብን CV ክትጽሕፍን ይሕግዙኻ።", "ሰኑይ–ሓሙስ"),
                    (
                        "ብዘይ ቆጸራ ብቕጥዕታት፡ ኤሌክትሮኒካዊ ኣገልግሎታትን ርክብ ምስ በዓል መዚን ሓገዝ።",
                        "ሰሉስ 13–16፡ ሓሙስ 9–12",
                    ),
                    ("ብብዙሕ ቋንቋታት መጻሕፍትን ጋዜጣታትን፡ ኮምፒተራትን ቤት ቡን ቋንቋን።", "ኣብ ሰዓታት ስራሕ ቦታ ርክብ"),
                    ("ንቆልዑ 0–5 ዓመት ምስ ዓቢ ሰብ ጸወታን ደርፍን። ወለዲ ምስ ካልኦት ወለዲ ይራኸቡ።", "ሰኑይን ረቡዕን ንግሆ"),
                ],
                "exception_note": "መዓልቲ ስልጠና ሰራሕተኛታት",
            },
        },
    },
    {
        "slug": "motesplats-froangen",
        "street_address": "Fröängsvägen 12",
        "postal_code": "633 55",
        "city": "Ålunda",
        "district": "Fröängen",
        "latitude": "59.355480",
        "longitude": "16.531920",
        "phone": "016-710 21 00",
        "email": "motesplats.froangen@alunda.example",
        "hours": [
            (0, "10:00", "18:00"),
            (1, "10:00", "18:00"),
            (2, "10:00", "18:00"),
            (3, "10:00", "20:00"),
            (4, "10:00", "16:00"),
        ],
        "drop_in": [(0, "13:00", "16:00"), (2, "13:00", "16:00")],
        "exceptions": [(35, True)],
        "actors": [
            ("Jobbcentrum Syd", "job", "", ""),
            ("Familjecentralen Fröängen", "family", "", ""),
            ("Språkcafé med Röda Korset", "language", "https://www.rodakorset.se", ""),
            ("Medborgarservice Ålunda", "citizen_service", "", "016-710 21 00"),
        ],
        "texts": {
            "sv": {
                "title": "Mötesplats Fröängen",
                "intro": "Jobbcentrum, familjecentral och språkcafé i Fröängens centrum.",
                "easy": "Kom hit om du vill ha jobb, prata svenska eller få stöd som förälder. Allt är gratis.",
                "directions": "Buss 6 till hållplats Fröängens centrum. Mötesplatsen ligger på bottenvåningen i det gula huset.",
                "accessibility": "<ul><li>Entré utan trappsteg från parkeringen.</li><li>Alla lokaler på samma plan.</li><li>Tillgänglig toalett med skötbord.</li></ul>",
                "actors": [
                    (
                        "Stöd att söka jobb och studier, och kontakter med arbetsgivare i Ålunda.",
                        "Måndag–fredag",
                    ),
                    (
                        "Barnmorska, barnavårdscentral och föräldrastöd. Du kan prata om allt som rör familjen.",
                        "Tisdag och torsdag",
                    ),
                    (
                        "Öva svenska i lugn takt tillsammans med volontärer. Ingen anmälan.",
                        "Torsdag 17–19",
                    ),
                    (
                        "Hjälp med blanketter, e-tjänster och kontakter med myndigheter, utan att boka tid.",
                        "Måndag och onsdag 13–16",
                    ),
                ],
                "exception_note": "Stängt för städning",
            },
            "en": {
                "title": "Fröängen meeting place",
                "intro": "Job centre, family centre and language café in Fröängen's centre.",
                "easy": "Come here if you want a job, to speak Swedish or support as a parent. Everything is free.",
                "directions": "Bus 6 to the Fröängens centrum stop. The meeting place is on the ground floor of the yellow building.",
                "accessibility": "<ul><li>Step-free entrance from the car park.</li><li>All rooms on one floor.</li><li>Accessible toilet with a baby-changing table.</li></ul>",
                "actors": [
                    (
                        "Support in looking for jobs and studies, and contacts with employers in Ålunda.",
                        "Monday–Friday",
                    ),
                    (
                        "Midwife, child health services and parenting support. You can talk about anything to do with your family.",
                        "Tuesday and Thursday",
                    ),
                    (
                        "Practise Swedish at an easy pace with volunteers. No need to sign up.",
                        "Thursday 17–19",
                    ),
                    (
                        "Help with forms, e-services and contacts with authorities, without an appointment.",
                        "Monday and Wednesday 13–16",
                    ),
                ],
                "exception_note": "Closed for cleaning",
            },
            "ar": {
                "title": "مكان اللقاء في فرو إنغن",
                "intro": "مركز العمل ومركز الأسرة ومقهى اللغة في وسط فرو إنغن.",
                "easy": "تعال إلى هنا إذا أردت عملًا أو التحدث بالسويدية أو دعمًا كأب أو أم. كل شيء مجاني.",
                "directions": "الحافلة 6 إلى موقف Fröängens centrum. مكان اللقاء في الطابق الأرضي من المبنى الأصفر.",
                "accessibility": "<ul><li>مدخل بلا درج من موقف السيارات.</li><li>كل الغرف في طابق واحد.</li><li>مرحاض مهيأ لذوي الإعاقة مع طاولة لتغيير الحفاضات.</li></ul>",
                "actors": [
                    (
                        "دعم في البحث عن عمل ودراسة، وتواصل مع أصحاب العمل في ألوندا.",
                        "من الاثنين إلى الجمعة",
                    ),
                    (
                        "قابلة ورعاية صحة الطفل ودعم للوالدين. يمكنك الحديث عن كل ما يخص الأسرة.",
                        "الثلاثاء والخميس",
                    ),
                    ("تدرّب على السويدية بهدوء مع متطوعين. لا حاجة إلى التسجيل.", "الخميس 17–19"),
                    (
                        "مساعدة في الاستمارات والخدمات الإلكترونية والتواصل مع السلطات، دون موعد.",
                        "الاثنين والأربعاء 13–16",
                    ),
                ],
                "exception_note": "مغلق للتنظيف",
            },
            "ti": {
                "title": "ቦታ ርክብ ፍሮኤንገን",
                "intro": "ማእከል ስራሕ፡ ማእከል ስድራቤትን ቤት ቡን ቋንቋን ኣብ ማእከል ፍሮኤንገን።",
                "easy": "ስራሕ፡ ሽወደንኛ ምዝራብ ወይ ከም ወላዲ ደገፍ እንተደሊኻ ናብዚ ምጻእ። ኩሉ ብናጻ እዩ።",
                "directions": "ኣውቶቡስ 6 ክሳብ መዕረፊ Fröängens centrum። ቦታ ርክብ ኣብ ታሕተዋይ ደርቢ ናይቲ ብጫ ህንጻ እዩ።",
                "accessibility": "<ul><li>ካብ መዕሸጊ መኪና ብዘይ መደያይቦ መእተዊ።</li><li>ኩሎም ክፍልታት ኣብ ሓደ ደርቢ።</li><li>ተበጻሒ ሽቓቕ ምስ ጣውላ ምቕያር ዓለባ ህጻን።</li></ul>",
                "actors": [
                    ("ስራሕን ትምህርትን ንምድላይ ደገፍ፡ ምስ ኣስራሕቲ ኣብ ኣሉንዳ ርክብ።", "ሰኑይ–ዓርቢ"),
                    ("መሕረሲት፡ ክንክን ጥዕና ህጻናትን ደገፍ ወለዲን። ብዛዕባ ስድራቤት ኩሉ ክትዛረብ ትኽእል።", "ሰሉስን ሓሙስን"),
                    ("ምስ ወለንተኛታት ብህድኣት ሽወደንኛ ተለማመድ። ምምዝጋብ ኣየድልን።", "ሓሙስ 17–19"),
                    ("ብዘይ ቆጸራ ብቕጥዕታት፡ ኤሌክትሮኒካዊ ኣገልግሎታትን ርክብ ምስ በዓል መዚን ሓገዝ።", "ሰኑይን ረቡዕን 13–16"),
                ],
                "exception_note": "ንጽሬት ተዓጽዩ",
            },
        },
    },
]


# The accessibility statement (DOS law, in Digg's structure). Demo text in our own words.
ACCESSIBILITY_STATEMENT = {
    "sv": {
        "title": "Tillgänglighetsredogörelse",
        "intro": (
            "Ålunda kommun står bakom den här webbplatsen. Vi vill att så många som möjligt "
            "ska kunna använda den, oavsett funktionsförmåga och språk. Här beskriver vi hur "
            "webbplatsen uppfyller lagen om tillgänglighet till digital offentlig service, "
            "vilka brister vi känner till och hur du kan meddela oss om problem."
        ),
        "non_accessible": (
            "<h3>Brister mot lagens krav</h3><ul>"
            "<li>Några äldre PDF-filer under Samhällsorientering saknar rubrikstruktur "
            "(WCAG 1.3.1). Vi ersätter dem med vanliga sidor under året.</li>"
            "<li>Sidor som ännu inte är översatta visas på svenska.</li></ul>"
        ),
        "feedback": (
            "<p>Om du behöver innehåll i ett annat format, eller hittar något du inte kan "
            'använda, skriv till <a href="mailto:tillganglighet@alunda.example">'
            "tillganglighet@alunda.example</a> eller ring kontaktcenter på 0123-45 67 00. "
            "Vi svarar inom fem arbetsdagar.</p>"
        ),
        "enforcement": (
            "<p>Myndigheten för digital förvaltning (Digg) har ansvar för tillsyn över lagen. "
            "Om du inte är nöjd med hur vi hanterar dina synpunkter kan du "
            '<a href="https://www.digg.se/tdosanmalan">kontakta Digg och påtala det</a>.</p>'
        ),
        "testing": (
            "<p>Vi har själva granskat webbplatsen. Varje ändring testas automatiskt med "
            "axe-core mot WCAG 2.1 nivå AA på svenska, arabiska och tigrinska, i mobil och "
            "dator, och med tangentbord. Senaste granskningen gjordes i november 2026.</p>"
        ),
    },
    "en": {
        "title": "Accessibility statement",
        "intro": (
            "Ålunda kommun is responsible for this website. We want as many people as "
            "possible to be able to use it, whatever their abilities and language. This page "
            "describes how the website meets the law on accessibility of digital public "
            "services, the shortcomings we know of and how to tell us about problems."
        ),
        "non_accessible": (
            "<h3>Lack of compliance with the law</h3><ul>"
            "<li>Some older PDF files under Civic orientation have no heading structure "
            "(WCAG 1.3.1). We are replacing them with ordinary pages this year.</li>"
            "<li>Pages not yet translated are shown in Swedish.</li></ul>"
        ),
        "feedback": (
            "<p>If you need content in another format, or find something you cannot use, "
            'write to <a href="mailto:tillganglighet@alunda.example">'
            "tillganglighet@alunda.example</a> or call the contact centre on 0123-45 67 00. "
            "We answer within five working days.</p>"
        ),
        "enforcement": (
            "<p>The Agency for Digital Government (Digg) supervises the law. If you are not "
            "satisfied with how we handle your report, you can "
            '<a href="https://www.digg.se/tdosanmalan">contact Digg and tell them</a>.</p>'
        ),
        "testing": (
            "<p>We assessed the website ourselves. Every change is tested automatically with "
            "axe-core against WCAG 2.1 level AA in Swedish, Arabic and Tigrinya, on phone "
            "and desktop, and by keyboard. The latest review was made in November 2026.</p>"
        ),
    },
}
